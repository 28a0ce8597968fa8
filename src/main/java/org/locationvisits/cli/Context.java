package org.locationvisits.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.runner.Wiring;

/**
 * What a command reads and writes besides its options: the environment, the AWS clients of a region, the clock
 * that decides "yesterday", and the two output streams. {@link #system()} is the process's own; tests pass
 * local stand-ins and buffers, so every command is tested through the same parser as the jar.
 */
public record Context(Map<String, String> env, Function<String, Wiring.Aws> aws, Clock clock, PrintStream out,
                      PrintStream err) {

    public static Context system() {
        return new Context(System.getenv(), Wiring.Aws::forRegion, Clock.systemUTC(), System.out, System.err);
    }

    /** The configuration for {@code --config} (null: the environment's), as much of it as the command needs. */
    RunnerSettings settings(String configPath, Purpose purpose) {
        return Wiring.settings(env, configPath, purpose);
    }
}
