package org.locationvisits.runner;

import java.util.Arrays;

import org.locationvisits.avro.SchemaException;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.ConfigurationException;
import org.locationvisits.config.Purpose;
import org.locationvisits.report.ReportCommand;
import org.locationvisits.shoppertrak.simulator.SimulatorCommand;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar location-visits-poller.jar [command]}. With no command it is the main job.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar location-visits-poller.jar [command] [options]",
            "  (no command) [--config FILE]    the main job: poll ShopperTrak, deliver to Kinesis, store the offset in S3",
            "  fetch --date YYYY-MM-DD [--site ID] [--config FILE]",
            "                                  print one day's rows as JSON lines, as they would be sent",
            "  replay --from YYYY-MM-DD --to YYYY-MM-DD [--site ID] [--dry-run] [--config FILE]",
            "                                  send the data-lake copy of those days again (no ShopperTrak call,",
            "                                  stored offset untouched)",
            "  offsets show [--config FILE]    print the stored offset",
            "  offsets set YYYY-MM-DD [--forget-recovery] [--config FILE]",
            "                                  move the stored offset (the next run starts the day after);",
            "                                  recovery's memory stays unless --forget-recovery",
            "  simulator --port N [...]        run the ShopperTrak simulator (see 'simulator --help')",
            "  report --from YYYY-MM-DD --to YYYY-MM-DD [--html FILE] [--config FILE]",
            "                                  completeness of each site-day, from the data-lake archive (no API call)",
            "  demo                            run the main job end to end on local stand-ins",
            "Configuration comes from the environment and connector-config/$ENVIRONMENT.yaml (see README).");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String command = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
        String[] rest = command.equals("run") ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "run" -> RunCommand.run(rest);
                case "fetch" -> FetchCommand.run(rest);
                case "replay" -> ReplayCommand.run(rest);
                case "offsets" -> OffsetsCommand.run(rest);
                case "simulator" -> SimulatorCommand.run(rest);
                case "demo" -> DemoCommand.run(rest);
                case "report" -> ReportCommand.run(rest, config -> Wiring.settings(System.getenv(), config,
                        Purpose.REPORT), AwsClients::s3, System.out, System.err);
                case "help", "-h", "--help" -> {
                    System.out.println(USAGE);
                    yield 0;
                }
                default -> usageError("unknown command '" + command + "'");
            };
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return RunSummary.EXIT_CONFIGURATION;
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (SchemaException | IllegalStateException e) {
            // Start-up problems with what the configuration points at (schema URL, KMS values, S3 state).
            System.err.println("error: " + e.getMessage());
            LoggerFactory.getLogger(Main.class).debug("start-up failed", e);
            return RunSummary.EXIT_CONFIGURATION;
        }
    }

    private static int usageError(String message) {
        System.err.println("error: " + message);
        System.err.println(USAGE);
        return 2;
    }
}
