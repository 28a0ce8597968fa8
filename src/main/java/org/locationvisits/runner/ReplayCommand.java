package org.locationvisits.runner;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.CalendarException;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.config.ConfigurationException;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RecoverySettings;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.replay.ReplayCalendar;
import org.locationvisits.replay.Replayer;
import org.locationvisits.warehouse.WarehouseException;
import org.locationvisits.warehouse.WarehouseSettings;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code replay --from D1 --to D2 [--site ID] [--dry-run] [--config FILE]}: sends the data-lake copy of those
 * days again, through the main job's parser, encoder and Kinesis forwarder, with no ShopperTrak call and without
 * reading or moving the stored offset. See README, "Replay from the data lake".
 */
final class ReplayCommand {
    private static final String DRY_RUN = "--dry-run";

    private ReplayCommand() {
    }

    static int run(String[] args) {
        return run(args, System.getenv(), Wiring.Aws::forRegion, System.out, System.err);
    }

    /** @param awsForRegion the AWS clients for the configured region; tests pass local stand-ins */
    static int run(String[] args, Map<String, String> env, Function<String, Wiring.Aws> awsForRegion,
                   PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean dryRun = rest.remove(DRY_RUN);
        Args parsed = new Args(rest.toArray(String[]::new), Set.of("from", "to", "site", "config"));
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("replay takes no argument '" + parsed.positional().get(0) + "'");
        }
        LocalDate from = date(parsed, "from");
        LocalDate to = date(parsed, "to");
        if (to.isBefore(from)) {
            throw new UsageException("--to (" + to + ") must not be before --from (" + from + ")");
        }
        RunnerSettings settings = Wiring.settings(env, parsed.option("config"),
                dryRun ? Purpose.REPLAY_DRY_RUN : Purpose.REPLAY);
        RecoverySettings lake = settings.recovery();
        if (lake.dataLakeBucket().isBlank()) {
            throw new ConfigurationException(List.of("DATA_LAKE_S3_BUCKET is required by replay: the bucket of the"
                    + " data-lake copy (with DATA_LAKE_S3_PATH, the folder the main job writes answers to)"));
        }
        dryRun |= settings.ignoreKinesis(); // IGNORE_KINESIS=true means a dry run, as for the main job
        LocationVisitsEncoder encoder = Wiring.encoder(settings);
        Wiring.Aws aws = awsForRegion.apply(settings.awsRegion());
        S3Client s3 = aws.s3();
        MissingDataRule missing;
        try {
            missing = new MissingDataRule(encoder.generation() == RecordGeneration.CURRENT
                    ? ReplayCalendar.load(warehouse(lake), lake.locationCalendar(), () -> s3)
                    : LocationCalendar.empty());
        } catch (CalendarException | WarehouseException | IllegalArgumentException e) {
            err.println("error: the location calendar (is_missing_data) could not be loaded: " + e.getMessage());
            return RunSummary.EXIT_CONFIGURATION;
        }
        Replayer.Destination destination = null;
        if (!dryRun) {
            KinesisForwarder forwarder = new KinesisForwarder(aws.kinesis(), settings.kinesisStream(),
                    settings.kinesisBatchSize());
            destination = forwarder::send;
        }
        return new Replayer(new DataLakeReader(s3, lake.dataLakeBucket(), lake.dataLakePath()), encoder, missing,
                destination, out).replay(from, to, parsed.option("site"), err);
    }

    private static Optional<WarehouseSettings> warehouse(RecoverySettings s) {
        return s.redshiftHost().isBlank() ? Optional.empty() : Optional.of(new WarehouseSettings(s.redshiftHost(),
                s.redshiftPort(), s.redshiftName(), s.redshiftUser(), s.redshiftPassword(), s.redshiftSslMode()));
    }

    private static LocalDate date(Args parsed, String option) {
        String value = parsed.option(option);
        if (value == null) {
            throw new UsageException("replay needs --from YYYY-MM-DD and --to YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + option + " must be YYYY-MM-DD, got '" + value + "'");
        }
    }
}
