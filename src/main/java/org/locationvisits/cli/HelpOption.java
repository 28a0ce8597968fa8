package org.locationvisits.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command: its own options, then exit status 0. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean requested;
}
