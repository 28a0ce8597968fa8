package org.locationvisits.runner;

import java.time.Duration;
import java.util.Map;

import org.apache.avro.Schema;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.common.AwsClients;
import org.locationvisits.common.Sleeper;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.secrets.KmsDecryptor;
import org.locationvisits.source.SourceConfig;

import okhttp3.OkHttpClient;

/** Builds the runner's parts from its settings. The one place that knows which class does what. */
final class Wiring {
    private Wiring() {
    }

    /** Reads configuration; decrypts KMS-encrypted variables only after everything else validated. */
    static RunnerSettings settings(Map<String, String> env, String configPath, boolean delivery) {
        var file = ConfigLoader.configFile(env, configPath);
        RunnerSettings settings = ConfigLoader.load(env, file, (name, ciphertext) -> new KmsDecryptor(
                AwsClients.kms(env.getOrDefault("AWS_REGION", "us-east-1"))).decrypt(name, ciphertext), delivery);
        LogLevel.apply(settings.logLevel());
        return settings;
    }

    static Schema schema(RunnerSettings settings) {
        if (settings.schemaUrl().isBlank()) {
            return LocationVisitsSchemas.bundled();
        }
        return new SchemaFetcher(new OkHttpClient(), Sleeper.SYSTEM, 5, Duration.ofSeconds(2))
                .fetch(settings.schemaUrl());
    }

    static OffsetStore offsets(RunnerSettings settings) {
        if (settings.ignoreCache()) {
            return new MemoryOffsetStore();
        }
        return new S3OffsetStore(AwsClients.s3(settings.awsRegion()), settings.s3Bucket(), settings.s3Resource());
    }

    static EmbeddedRunner.Destination destination(RunnerSettings settings) {
        if (settings.ignoreKinesis()) {
            return entries -> { };
        }
        KinesisForwarder forwarder = new KinesisForwarder(AwsClients.kinesis(settings.awsRegion()),
                settings.kinesisStream(), settings.kinesisBatchSize());
        return forwarder::send;
    }

    static SourceConfig sourceConfig(RunnerSettings settings) {
        return new SourceConfig(settings.connectorProps());
    }
}
