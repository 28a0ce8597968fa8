package org.locationvisits.config;

import static org.locationvisits.config.Setting.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/**
 * Every variable of the Python poller, plus the runner's own, read by their rows of the {@link Setting} table
 * and validated together. {@link #toString()} is the start-up line: secrets hidden, URLs without tokens.
 */
public final class RunnerSettings {
    private final Map<Setting, Object> values;
    private final RecoverySettings recovery;
    /** The configuration file read, or null; named in the start-up line so an operator sees which one. */
    private final java.nio.file.Path source;
    /** Variables that came KMS-encrypted from the file: production keeps them secret, so the line does too. */
    private final Set<String> encrypted;

    /** Values already read and checked ({@link RunnerSettingsReader}). */
    RunnerSettings(Map<Setting, Object> values) {
        this(values, null, Set.of());
    }

    private RunnerSettings(Map<Setting, Object> values, java.nio.file.Path source, Set<String> encrypted) {
        this.values = values;
        this.recovery = RecoverySettings.of(values);
        this.source = source;
        this.encrypted = Set.copyOf(encrypted);
    }

    /** The same settings, read from {@code source} with {@code encrypted} variables decrypted from it. */
    RunnerSettings from(java.nio.file.Path source, Set<String> encrypted) {
        return new RunnerSettings(values, source, encrypted);
    }

    /** Reads and validates; throws {@link ConfigurationException} listing every problem. */
    public static RunnerSettings from(Map<String, String> env) {
        return from(env, Purpose.RUN);
    }

    /** @param purpose what the command needs: variables it does not use are optional */
    public static RunnerSettings from(Map<String, String> env, Purpose purpose) {
        return from(env, purpose, Set.of());
    }

    /** @param deferred encrypted variables not decrypted yet: present, but problems naming them wait */
    static RunnerSettings from(Map<String, String> env, Purpose purpose, Set<String> deferred) {
        return RunnerSettingsReader.read(env, purpose, deferred);
    }

    /**
     * The same settings as the source connector's configuration: every variable that has a source key, under
     * that key, and what the main job decides for the connector's own switches.
     */
    public Map<String, String> connectorProps() {
        Map<String, String> props = new HashMap<>();
        values.forEach((setting, value) -> setting.sourceKey().ifPresent(key -> props.put(key, text(value))));
        // The main job runs when it is scheduled and polls through yesterday; only continuous mode waits.
        props.put(POLL_TIME_WAIT.sourceKey().orElseThrow(), Boolean.toString(continuous()));
        // A dry run sends nothing, so nothing has replaced the old rows.
        props.put(WAREHOUSE_MARK_STALE.sourceKey().orElseThrow(),
                Boolean.toString(!recovery.ignoreUpdate() && !ignoreKinesis()));
        // A dry run delivers nothing, so an archived answer would count (report) and re-send (replay) rows that
        // never reached the stream.
        if (ignoreKinesis()) {
            props.put(DATA_LAKE_S3_BUCKET.sourceKey().orElseThrow(), "");
        }
        return props;
    }

    /** A value as a connector (and the start-up line) writes it. */
    static String text(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(Object::toString).orElse("");
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return String.valueOf(value);
    }

    Object get(Setting setting) {
        return values.get(setting);
    }

    public String awsRegion() {
        return (String) values.get(AWS_REGION);
    }

    public String shopperTrakBaseUrl() {
        return (String) values.get(SHOPPERTRAK_API_BASE_URL);
    }

    public String shopperTrakUsername() {
        return (String) values.get(SHOPPERTRAK_USERNAME);
    }

    public String shopperTrakPassword() {
        return (String) values.get(SHOPPERTRAK_PASSWORD);
    }

    /** v1 or v2: the one set, else the one the base URL names. */
    public String apiVersion() {
        return (String) values.get(SHOPPERTRAK_API_VERSION);
    }

    public int maxRetries() {
        return (Integer) values.get(MAX_RETRIES);
    }

    /** Overall deadline of one ShopperTrak call and of one schema fetch attempt; zero: none. */
    public java.time.Duration callTimeout() {
        return java.time.Duration.ofSeconds((Integer) values.get(SHOPPERTRAK_CALL_TIMEOUT_SECONDS));
    }

    public int retryDelaySeconds() {
        return (Integer) values.get(RETRY_DELAY_SECONDS);
    }

    public String s3Bucket() {
        return (String) values.get(S3_BUCKET);
    }

    public String s3Resource() {
        return (String) values.get(S3_RESOURCE);
    }

    public String schemaUrl() {
        return (String) values.get(LOCATION_VISITS_SCHEMA_URL);
    }

    public int kinesisBatchSize() {
        return (Integer) values.get(KINESIS_BATCH_SIZE);
    }

    public String kinesisStream() {
        return (String) values.get(KINESIS_STREAM_ARN);
    }

    public String logLevel() {
        return (String) values.get(LOG_LEVEL);
    }

    @SuppressWarnings("unchecked")
    public Optional<LocalDate> lastPollDate() {
        return (Optional<LocalDate>) values.get(LAST_POLL_DATE);
    }

    @SuppressWarnings("unchecked")
    public Optional<LocalDate> lastEndDate() {
        return (Optional<LocalDate>) values.get(LAST_END_DATE);
    }

    /** True when the S3 state is neither read nor written (IGNORE_CACHE, or a command that has none). */
    public boolean ignoreCache() {
        return (Boolean) values.get(IGNORE_CACHE);
    }

    /** True for a dry run (IGNORE_KINESIS, or a command that sends nothing). */
    public boolean ignoreKinesis() {
        return (Boolean) values.get(IGNORE_KINESIS);
    }

    public boolean continuous() {
        return "continuous".equals(values.get(RUN_MODE));
    }

    public LocalTime pollTime() {
        return (LocalTime) values.get(POLL_TIME);
    }

    public RecoverySettings recovery() {
        return recovery;
    }

    public boolean emfMetrics() {
        return "emf".equals(values.get(METRICS_FORMAT));
    }

    /** The port of the main job's HTTP endpoints; 0: none. */
    public int httpPort() {
        return (Integer) values.get(HTTP_PORT);
    }

    /** The address the HTTP endpoints listen on (an IP literal). */
    public String httpBind() {
        return (String) values.get(HTTP_BIND);
    }

    public String environment() {
        return (String) values.get(ENVIRONMENT);
    }

    /** The variables that came KMS-encrypted from the configuration file and were decrypted, sorted. */
    public java.util.SortedSet<String> encryptedVariables() {
        return new java.util.TreeSet<>(encrypted);
    }

    /**
     * The start-up line: the file read, then every variable as NAME=value, secrets hidden, encrypted ones
     * shown as (encrypted), URLs without credentials or query.
     */
    @Override
    public String toString() {
        String file = source == null ? "no configuration file" : "configuration file " + source;
        return file + "; " + SettingsLine.of(values, encrypted);
    }
}
