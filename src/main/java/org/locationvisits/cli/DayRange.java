package org.locationvisits.cli;

import java.time.LocalDate;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --from D1 --to D2}: the days a command reads, both included. */
final class DayRange {
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "the first day")
    LocalDate from;
    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "the last day")
    LocalDate to;

    /** @throws ParameterException (exit 2, with the command's usage) when the range runs backwards */
    void check(CommandSpec spec) {
        if (to.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " must not be before --from " + from);
        }
    }
}
