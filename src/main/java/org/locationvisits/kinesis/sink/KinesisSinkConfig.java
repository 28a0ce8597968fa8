package org.locationvisits.kinesis.sink;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.locationvisits.common.AwsClients;
import org.locationvisits.common.TextValidator;

import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Settings of the Kinesis sink connector, declared once with docs and validators. */
public final class KinesisSinkConfig extends AbstractConfig {
    private static final String GROUP_KINESIS = "Kinesis";
    private static final String GROUP_RECORD = "Record";

    public static final String STREAM_CONFIG = "kinesis.stream";
    private static final String STREAM_DOC = "The Kinesis stream, as an ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)"
            + " or a plain stream name (KINESIS_STREAM_ARN of the main job).";
    public static final String REGION_CONFIG = "kinesis.region";
    private static final String REGION_DOC = "AWS region of the stream, e.g. us-east-1 (AWS_REGION).";
    public static final String ENDPOINT_CONFIG = "kinesis.endpoint";
    private static final String ENDPOINT_DOC = "Kinesis endpoint URL. Leave empty for AWS (the SDK then also honours "
            + "AWS_ENDPOINT_URL_KINESIS); set it only for a local stand-in or a VPC endpoint, e.g. http://127.0.0.1:4567.";
    public static final String BATCH_SIZE_CONFIG = "kinesis.batch.size";
    private static final String BATCH_SIZE_DOC = "Most records per PutRecords call, 1 to 500 (KINESIS_BATCH_SIZE).";
    public static final String RETRY_BACKOFF_CONFIG = "kinesis.retry.backoff.ms";
    private static final String RETRY_BACKOFF_DOC = "When Kinesis still refuses records after the forwarder's own "
            + "retries, the task waits this long before the worker hands it the same records again; no offset "
            + "advances meanwhile.";
    public static final String THROTTLE_MAX_WAIT_CONFIG = "kinesis.throttle.max.wait.ms";
    private static final String THROTTLE_MAX_WAIT_DOC = "How long a batch may go on being throttled by Kinesis "
            + "(ProvisionedThroughputExceeded, e.g. another producer fills the stream's shards) without any record "
            + "accepted before put() gives up and the worker hands the batch again after kinesis.retry.backoff.ms. "
            + "Throttling does not use up the retries meant for errors. Keep it below the consumer's "
            + "max.poll.interval.ms (5 minutes by default).";
    public static final String SCHEMA_URL_CONFIG = "location.visits.schema.url";
    private static final String SCHEMA_URL_DOC = "URL of the Platform API LocationVisits schema "
            + "(LOCATION_VISITS_SCHEMA_URL). Empty uses the bundled schema. Record fields are matched by name.";
    /** The worker's own setting; the task reads it to decide what to do with a record it cannot encode. */
    static final String ERRORS_TOLERANCE = "errors.tolerance";

    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STREAM_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.STREAM, Importance.HIGH,
                    STREAM_DOC, GROUP_KINESIS, 1, Width.LONG, "Stream ARN or name")
            .define(REGION_CONFIG, Type.STRING, "us-east-1", Validators.REGION, Importance.HIGH, REGION_DOC,
                    GROUP_KINESIS, 2, Width.SHORT, "Region")
            .define(ENDPOINT_CONFIG, Type.STRING, "", Validators.OPTIONAL_URL, Importance.LOW, ENDPOINT_DOC,
                    GROUP_KINESIS, 3, Width.LONG, "Endpoint override")
            .define(BATCH_SIZE_CONFIG, Type.INT, 500, ConfigDef.Range.between(1, 500), Importance.MEDIUM,
                    BATCH_SIZE_DOC, GROUP_KINESIS, 4, Width.SHORT, "Batch size")
            .define(RETRY_BACKOFF_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.between(0, 3_600_000),
                    Importance.LOW, RETRY_BACKOFF_DOC, GROUP_KINESIS, 5, Width.SHORT, "Retry backoff (ms)")
            .define(THROTTLE_MAX_WAIT_CONFIG, Type.LONG, 120_000L, ConfigDef.Range.between(0, 3_600_000),
                    Importance.LOW, THROTTLE_MAX_WAIT_DOC, GROUP_KINESIS, 6, Width.SHORT, "Throttled wait (ms)")
            .define(SCHEMA_URL_CONFIG, Type.STRING, "", Validators.OPTIONAL_URL, Importance.MEDIUM, SCHEMA_URL_DOC,
                    GROUP_RECORD, 1, Width.LONG, "Schema URL");

    private final boolean tolerateAll;

    public KinesisSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        tolerateAll = "all".equalsIgnoreCase(props.getOrDefault(ERRORS_TOLERANCE, "none").trim());
    }

    public String stream() {
        return getString(STREAM_CONFIG).trim();
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_CONFIG));
    }

    public Duration throttleMaxWait() {
        return Duration.ofMillis(getLong(THROTTLE_MAX_WAIT_CONFIG));
    }

    public String schemaUrl() {
        return getString(SCHEMA_URL_CONFIG);
    }

    /** Whether the connector runs with {@code errors.tolerance=all}: bad records are reported, not fatal. */
    public boolean tolerateAll() {
        return tolerateAll;
    }

    /**
     * A Kinesis client for the configured region and endpoint, with credentials from the SDK's default chain.
     * Without an endpoint this is exactly the main job's client.
     */
    public KinesisClient kinesisClient() {
        String region = getString(REGION_CONFIG).trim();
        String endpoint = getString(ENDPOINT_CONFIG).trim();
        return endpoint.isEmpty() ? AwsClients.kinesis(region) : AwsClients.kinesis(region, URI.create(endpoint));
    }

    /** Validators that give messages an operator can act on. */
    static final class Validators {
        static final ConfigDef.Validator STREAM = TextValidator.of("stream ARN or name",
                "must be a Kinesis stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME) or a stream name of "
                        + "1 to 128 letters, digits, '_', '.' or '-'",
                text -> (text.startsWith("arn:") ? STREAM_ARN : STREAM_NAME).matcher(text).matches());

        static final ConfigDef.Validator REGION = TextValidator.of("AWS region, e.g. us-east-1",
                "must be an AWS region such as us-east-1", text -> text.matches("[a-z]{2}(-[a-z]+)+-\\d+"));

        static final ConfigDef.Validator OPTIONAL_URL = TextValidator.of("empty, bundled:first, bundled:current or an "
                + "http(s) URL", "must be empty, bundled:first, bundled:current or an http(s) URL, e.g. https://host/path",
                text -> text.isEmpty() || isBundled(text) || isHttpUrl(text));

        /** {@code bundled:first} or {@code bundled:current}: the one place that knows is LocationVisitsSchemas. */
        private static boolean isBundled(String text) {
            return text.startsWith(org.locationvisits.avro.LocationVisitsSchemas.BUNDLED_PREFIX)
                    && TextValidator.parses(text, org.locationvisits.avro.LocationVisitsSchemas::bundledFor);
        }

        private static boolean isHttpUrl(String text) {
            try {
                URI uri = URI.create(text);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private Validators() {
        }
    }
}
