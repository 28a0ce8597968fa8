package org.locationvisits.runner;

import java.util.Map;

import org.locationvisits.common.SafeUrl;
import org.locationvisits.avro.LocationVisitsConverter;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.SchemaException;
import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.ConfigLoader;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.endpoints.DeliveredCounts;
import org.locationvisits.endpoints.EndpointServer;
import org.locationvisits.endpoints.JobMetrics;
import org.locationvisits.endpoints.Readiness;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.source.ConfiguredServices;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceConfig;

import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import org.locationvisits.metrics.RunReporter;
import org.locationvisits.metrics.EmfReporter;

/** Builds the runner's parts from its settings. The one place that knows which class does what. */
public final class Wiring {
    /** The AWS clients the runner needs; built lazily so a dry run never touches AWS. */
    public interface Aws {
        S3Client s3();

        KinesisClient kinesis();

        /** Fixed clients, e.g. for local stand-ins. */
        static Aws of(S3Client s3, KinesisClient kinesis) {
            return new Aws() {
                @Override
                public S3Client s3() {
                    return s3;
                }

                @Override
                public KinesisClient kinesis() {
                    return kinesis;
                }
            };
        }

        static Aws forRegion(String region) {
            return new Aws() {
                @Override
                public S3Client s3() {
                    return AwsClients.s3(region);
                }

                @Override
                public KinesisClient kinesis() {
                    return AwsClients.kinesis(region);
                }
            };
        }
    }

    private Wiring() {
    }

    /** Reads configuration; decrypts KMS-encrypted variables only after everything else validated. */
    public static RunnerSettings settings(Map<String, String> env, String configPath, Purpose purpose) {
        return ConfigLoader.settings(env, configPath, purpose);
    }

    /** The main job, ready to run. */
    public static EmbeddedRunner runner(RunnerSettings settings, Aws aws) {
        return runner(settings, aws, java.time.Clock.systemUTC());
    }

    /** @param clock decides "yesterday" and poll_date (America/New_York) */
    public static EmbeddedRunner runner(RunnerSettings settings, Aws aws, java.time.Clock clock) {
        return runnerBuilder(settings, aws, clock).build();
    }

    /** The main job's parts, ready to be built (or changed first, e.g. by a test). */
    public static RunnerBuilder runnerBuilder(RunnerSettings settings, Aws aws, java.time.Clock clock) {
        LocationVisitsEncoder encoder = encoder(settings);
        return EmbeddedRunner.builder()
                .task(progress -> new ShopperTrakSourceTask((config, sleeper) ->
                        new ConfiguredServices(config, sleeper, aws::s3, encoder.generation()), clock, progress),
                        settings.connectorProps())
                .offsets(offsets(settings, aws))
                .converter(new LocationVisitsConverter(encoder))
                .destination(destination(settings, aws))
                .dryRun(settings.ignoreKinesis())
                .continuous(settings.continuous())
                .clock(clock)
                .pieceSize(settings.kinesisBatchSize())
                .reporter(settings.emfMetrics() ? new EmfReporter(System.out, clock, streamName(settings),
                        settings.environment()) : RunReporter.NONE);
    }

    /**
     * Starts the main job's HTTP endpoints (HTTP_PORT, HTTP_BIND) on {@code runner}'s progress, to stop when its run
     * returns; none when HTTP_PORT is 0. Call it just before {@link EmbeddedRunner#run()}.
     *
     * @param clock     the runner's clock: decides "yesterday" for readiness and days_behind
     * @param delivered what the runner reports as delivered (give it to the builder with {@code alsoReport})
     * @throws IllegalStateException when the port cannot be bound
     */
    public static java.util.Optional<EndpointServer> endpoints(RunnerSettings settings, EmbeddedRunner runner,
                                                               java.time.Clock clock, DeliveredCounts delivered) {
        Readiness readiness = new Readiness(runner.progress(), clock, settings.lastEndDate());
        java.util.Optional<EndpointServer> server = EndpointServer.forMainJob(settings.httpPort(), settings.httpBind(),
                runner::notAlive, readiness, JobMetrics.registry(runner.progress(), readiness, delivered));
        server.ifPresent(runner::closeAfterRun);
        return server;
    }

    /** The stream's name from its ARN (or the name itself), as the EMF dimension. */
    static String streamName(RunnerSettings settings) {
        String stream = settings.kinesisStream();
        return stream.contains("/") ? stream.substring(stream.lastIndexOf('/') + 1) : stream;
    }

    public static LocationVisitsEncoder encoder(RunnerSettings settings) {
        return encoder(settings, new SchemaFetcher(new OkHttpClient(), settings.callTimeout()));
    }

    /** One line naming the schema URL, the fetch and what to check, whatever the fetcher found wrong. */
    static LocationVisitsEncoder encoder(RunnerSettings settings, SchemaFetcher fetcher) {
        try {
            return new LocationVisitsEncoder(SchemaFetcher.resolve(settings.schemaUrl(), fetcher));
        } catch (SchemaException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new SchemaException("LocationVisits schema URL " + SafeUrl.of(settings.schemaUrl())
                    + ": fetch failed: " + (message.endsWith(".") ? message.substring(0, message.length() - 1)
                    : message) + ". Check that LOCATION_VISITS_SCHEMA_URL is reachable from the task and answers"
                    + " the schema (or set bundled:current)", e);
        }
    }

    /** The one state object (offset, recovery memory, call count); in memory with IGNORE_CACHE. */
    public static OffsetStore offsets(RunnerSettings settings, Aws aws) {
        if (settings.ignoreCache()) {
            return new MemoryOffsetStore();
        }
        return new S3OffsetStore(aws.s3(), settings.s3Bucket(), settings.s3Resource());
    }

    public static Destination destination(RunnerSettings settings, Aws aws) {
        if (settings.ignoreKinesis()) {
            return entries -> { };
        }
        KinesisForwarder forwarder = new KinesisForwarder(aws.kinesis(), settings.kinesisStream(),
                settings.kinesisBatchSize());
        return Destination.kinesis(forwarder);
    }

    public static SourceConfig sourceConfig(RunnerSettings settings) {
        return new SourceConfig(settings.connectorProps());
    }
}
