package org.locationvisits.cli;

import java.io.PrintWriter;
import java.util.List;

import org.locationvisits.avro.SchemaException;
import org.locationvisits.config.ConfigurationException;
import org.locationvisits.metrics.RunSummary;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The exit statuses of failures, the same as before picocli: 2 and the command's usage for bad arguments;
 * 2 and one line for configuration and start-up problems (an operator fixes a setting, not the code);
 * 1 and the stack trace for anything else, as an uncaught exception gave.
 */
final class Failures {
    static final int USAGE = 2;

    private Failures() {
    }

    /** Bad arguments, found by picocli or by a command (e.g. a range that ends before it starts). */
    static int usage(ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println("error: " + message(e));
        failed.usage(err);
        err.flush();
        return USAGE;
    }

    /** A word that is no command is named as such, not as picocli's "Unmatched argument at index 0". */
    private static String message(ParameterException e) {
        CommandLine failed = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !failed.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String word = unmatched.getUnmatched().get(0);
            if (failed.getParent() == null) {
                return "unknown command '" + word + "'";
            }
            List<String> actions = List.copyOf(failed.getSubcommands().keySet());
            return "unknown " + failed.getCommandName() + " action '" + word + "'; use "
                    + String.join(" or ", actions);
        }
        return e.getMessage();
    }

    /** What a command threw while running. */
    static int whileRunning(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        try {
            if (e instanceof ConfigurationException) {
                err.println(e.getMessage());
                return RunSummary.EXIT_CONFIGURATION;
            }
            if (e instanceof SchemaException || e instanceof IllegalStateException) {
                // Start-up problems with what the configuration points at (schema URL, KMS values, S3 state).
                err.println("error: " + e.getMessage());
                LoggerFactory.getLogger(Failures.class).debug("start-up failed", e);
                return RunSummary.EXIT_CONFIGURATION;
            }
            e.printStackTrace(err);
            return 1;
        } finally {
            err.flush();
        }
    }
}
