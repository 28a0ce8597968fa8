package org.locationvisits.kinesis.sink;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.ConnectorDefs;
import org.locationvisits.config.Setting;

import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Settings of the Kinesis sink connector: its {@code ConfigDef} comes from the {@link Setting} table; this
 * class reads them as the task's types.
 */
public final class KinesisSinkConfig extends AbstractConfig {
    public static final String STREAM_CONFIG = key(Setting.KINESIS_STREAM_ARN);
    public static final String REGION_CONFIG = key(Setting.AWS_REGION);
    public static final String ENDPOINT_CONFIG = key(Setting.KINESIS_ENDPOINT);
    public static final String BATCH_SIZE_CONFIG = key(Setting.KINESIS_BATCH_SIZE);
    public static final String RETRY_BACKOFF_CONFIG = key(Setting.KINESIS_RETRY_BACKOFF);
    public static final String THROTTLE_MAX_WAIT_CONFIG = key(Setting.KINESIS_THROTTLE_MAX_WAIT);
    public static final String SCHEMA_URL_CONFIG = key(Setting.LOCATION_VISITS_SCHEMA_URL);
    /** The worker's own setting; the task reads it to decide what to do with a record it cannot encode. */
    static final String ERRORS_TOLERANCE = "errors.tolerance";

    public static final ConfigDef CONFIG_DEF = ConnectorDefs.sink();

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

    private static String key(Setting setting) {
        return setting.sinkKey().orElseThrow();
    }
}
