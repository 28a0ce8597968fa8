package org.locationvisits.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

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
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.runner.Wiring;
import org.locationvisits.warehouse.WarehouseException;
import org.locationvisits.warehouse.WarehouseSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code replay --from D1 --to D2 [--site ID] [--dry-run] [--config FILE]}: sends the data-lake copy of those
 * days again, through the main job's parser, encoder and Kinesis forwarder, with no ShopperTrak call and without
 * reading or moving the stored offset. See README, "Replay from the data lake".
 */
@Command(name = "replay",
        description = "send the data-lake copy of those days again (no ShopperTrak call, stored offset untouched)")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;
    @Mixin
    DayRange days;
    @Option(names = "--site", paramLabel = "ID", description = "one site only (default: every site)")
    String site;
    @Option(names = "--dry-run", description = "parse and encode every day, print rows and answers; send nothing")
    boolean dryRun;
    @Mixin
    private ConfigOption config;
    private final Context context;

    ReplayCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        days.check(spec);
        RunnerSettings settings = context.settings(config.path, dryRun ? Purpose.REPLAY_DRY_RUN : Purpose.REPLAY);
        RecoverySettings lake = settings.recovery();
        if (lake.dataLakeBucket().isBlank()) {
            throw new ConfigurationException(List.of("DATA_LAKE_S3_BUCKET is required by replay: the bucket of the"
                    + " data-lake copy (with DATA_LAKE_S3_PATH, the folder the main job writes answers to)"));
        }
        // IGNORE_KINESIS=true means a dry run, as for the main job.
        boolean sendNothing = dryRun || settings.ignoreKinesis();
        LocationVisitsEncoder encoder = Wiring.encoder(settings);
        Wiring.Aws aws = context.aws().apply(settings.awsRegion());
        S3Client s3 = aws.s3();
        MissingDataRule missing;
        try {
            missing = new MissingDataRule(encoder.generation() == RecordGeneration.CURRENT
                    ? ReplayCalendar.load(warehouse(lake), lake.locationCalendar(), () -> s3)
                    : LocationCalendar.empty());
        } catch (CalendarException | WarehouseException | IllegalArgumentException e) {
            context.err().println("error: the location calendar (is_missing_data) could not be loaded: "
                    + e.getMessage());
            return RunSummary.EXIT_CONFIGURATION;
        }
        Replayer.Destination destination = null;
        if (!sendNothing) {
            KinesisForwarder forwarder = new KinesisForwarder(aws.kinesis(), settings.kinesisStream(),
                    settings.kinesisBatchSize());
            destination = forwarder::send;
        }
        return new Replayer(new DataLakeReader(s3, lake.dataLakeBucket(), lake.dataLakePath()), encoder, missing,
                destination, context.out()).replay(days.from, days.to, site, context.err());
    }

    /** The warehouse when REDSHIFT_DB_HOST is set. */
    static Optional<WarehouseSettings> warehouse(RecoverySettings s) {
        return s.redshiftHost().isBlank() ? Optional.empty() : Optional.of(new WarehouseSettings(s.redshiftHost(),
                s.redshiftPort(), s.redshiftName(), s.redshiftUser(), s.redshiftPassword(), s.redshiftSslMode()));
    }
}
