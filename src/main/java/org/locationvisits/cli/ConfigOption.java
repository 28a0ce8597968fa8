package org.locationvisits.cli;

import picocli.CommandLine.Option;

/** {@code --config FILE}, which every command that reads the configuration takes. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "the configuration file (default: connector-config/$ENVIRONMENT.yaml if ENVIRONMENT is set)")
    String path;
}
