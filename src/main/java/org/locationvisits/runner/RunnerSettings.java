package org.locationvisits.runner;

import static org.locationvisits.source.SourceConfig.defaultOf;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.source.DropInConfig;
import org.locationvisits.source.SourceConfig;

/**
 * Every variable of the Python poller, plus the runner's own, validated together.
 * {@link #toString()} never shows the ShopperTrak password.
 */
public record RunnerSettings(
        String awsRegion,
        String shopperTrakBaseUrl,
        String shopperTrakUsername,
        String shopperTrakPassword,
        String apiVersion,
        int maxRetries,
        int retryDelaySeconds,
        String s3Bucket,
        String s3Resource,
        String schemaUrl,
        int kinesisBatchSize,
        String kinesisStream,
        String logLevel,
        Optional<LocalDate> lastPollDate,
        Optional<LocalDate> lastEndDate,
        boolean ignoreCache,
        boolean ignoreKinesis,
        boolean continuous,
        LocalTime pollTime,
        RecoverySettings recovery,
        boolean emfMetrics,
        String environment) {


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
        EnvReader in = new EnvReader(env, deferred);
        String baseUrl = in.string("SHOPPERTRAK_API_BASE_URL", ShopperTrakSettings.PRODUCTION_BASE_URL);
        in.check(SourceConfig.isBaseUrl(baseUrl),
                "SHOPPERTRAK_API_BASE_URL " + SourceConfig.BASE_URL_PROBLEM + ", got '" + baseUrl + "'");
        boolean ignoreCache = in.bool("IGNORE_CACHE", false) || !purpose.uses("S3_BUCKET");
        boolean ignoreKinesis = in.bool("IGNORE_KINESIS", false) || !purpose.uses("KINESIS_STREAM_ARN");
        Optional<LocalDate> endDate = in.date("LAST_END_DATE").or(() -> in.date("END_DATE"));
        RunnerSettings settings = new RunnerSettings(
                in.string("AWS_REGION", "us-east-1"),
                baseUrl,
                purpose.uses("SHOPPERTRAK_USERNAME")
                        ? in.required("SHOPPERTRAK_USERNAME", "the ShopperTrak API user name")
                        : in.string("SHOPPERTRAK_USERNAME", ""),
                purpose.uses("SHOPPERTRAK_PASSWORD")
                        ? in.requiredSecret("SHOPPERTRAK_PASSWORD", "the ShopperTrak API password")
                        : in.string("SHOPPERTRAK_PASSWORD", ""),
                // Unset: the version follows the base URL (/v2.0/ is v2), as today's production file expects.
                SourceConfig.apiVersion(in.optional("SHOPPERTRAK_API_VERSION").isEmpty() ? ""
                        : in.choice("SHOPPERTRAK_API_VERSION", "v1", "v1", "v2"), baseUrl).name()
                        .toLowerCase(java.util.Locale.ROOT),
                in.integer("MAX_RETRIES", Integer.parseInt(defaultOf(SourceConfig.MAX_RETRIES_CONFIG)), 1, 100),
                in.integer("RETRY_DELAY_SECONDS", Integer.parseInt(defaultOf(SourceConfig.RETRY_DELAY_CONFIG)), 0,
                        86_400),
                ignoreCache ? in.string("S3_BUCKET", "") : in.required("S3_BUCKET",
                        "the bucket holding the offset file (or set IGNORE_CACHE=true)"),
                ignoreCache ? in.string("S3_RESOURCE", "") : in.required("S3_RESOURCE",
                        "the key of the offset file, e.g. location_visits_poller_cache.json"),
                in.string("LOCATION_VISITS_SCHEMA_URL", ""),
                in.integer("KINESIS_BATCH_SIZE", 500, 1, 500),
                ignoreKinesis ? in.string("KINESIS_STREAM_ARN", "") : in.required("KINESIS_STREAM_ARN",
                        "the stream ARN or name to deliver to (or set IGNORE_KINESIS=true)"),
                in.choice("LOG_LEVEL", "info", "trace", "debug", "info", "warning", "warn", "error", "critical"),
                in.date("LAST_POLL_DATE"),
                endDate,
                ignoreCache,
                ignoreKinesis,
                in.choice("RUN_MODE", "once", "once", "continuous").equals("continuous"),
                in.time("POLL_TIME", LocalTime.parse(defaultOf(SourceConfig.POLL_TIME_CONFIG))),
                RecoverySettings.from(in, purpose),
                in.choice("METRICS_FORMAT", "none", "none", "emf").equals("emf"),
                in.string("ENVIRONMENT", "default"));
        if (ignoreCache && purpose == Purpose.RUN) {
            in.check(settings.lastPollDate.isPresent(),
                    "LAST_POLL_DATE is required when IGNORE_CACHE=true: the run starts the day after it");
        }
        settings.lastPollDate.ifPresent(start -> settings.lastEndDate.ifPresent(end -> in.check(!end.isBefore(start),
                "LAST_END_DATE (" + end + ") must not be before LAST_POLL_DATE (" + start + ")")));
        if (!in.problems().isEmpty()) {
            throw new ConfigurationException(in.problems());
        }
        return settings;
    }

    /** The same settings as the source connector's configuration. */
    public Map<String, String> connectorProps() {
        Map<String, String> props = new HashMap<>();
        props.put(SourceConfig.BASE_URL_CONFIG, shopperTrakBaseUrl);
        props.put(SourceConfig.USERNAME_CONFIG, shopperTrakUsername);
        props.put(SourceConfig.PASSWORD_CONFIG, shopperTrakPassword);
        props.put(SourceConfig.API_VERSION_CONFIG, apiVersion);
        props.put(SourceConfig.MAX_RETRIES_CONFIG, Integer.toString(maxRetries));
        props.put(SourceConfig.RETRY_DELAY_CONFIG, Integer.toString(retryDelaySeconds));
        props.put(SourceConfig.INITIAL_DATE_CONFIG, lastPollDate.map(LocalDate::toString).orElse(""));
        props.put(SourceConfig.END_DATE_CONFIG, lastEndDate.map(LocalDate::toString).orElse(""));
        props.put(SourceConfig.POLL_TIME_CONFIG, pollTime.toString());
        props.put(SourceConfig.SCHEMA_URL_CONFIG, schemaUrl);
        // The main job runs when it is scheduled and polls through yesterday; only continuous mode waits.
        props.put(SourceConfig.POLL_TIME_WAIT_CONFIG, Boolean.toString(continuous));
        props.put(DropInConfig.AWS_REGION_CONFIG, awsRegion);
        recovery.addConnectorProps(props, ignoreKinesis);
        return props;
    }

    @Override
    public String toString() {
        return "RunnerSettings[region=" + awsRegion + ", baseUrl=" + shopperTrakBaseUrl + ", user="
                + shopperTrakUsername + ", password=[hidden], apiVersion=" + apiVersion + ", maxRetries="
                + maxRetries + ", retryDelaySeconds=" + retryDelaySeconds + ", state=s3://" + s3Bucket + "/"
                + s3Resource + ", schemaUrl=" + SchemaFetcher.redact(schemaUrl) + ", kinesisBatchSize=" + kinesisBatchSize
                + ", kinesisStream=" + kinesisStream + ", lastPollDate=" + lastPollDate + ", lastEndDate="
                + lastEndDate + ", ignoreCache=" + ignoreCache + ", ignoreKinesis=" + ignoreKinesis
                + ", continuous=" + continuous + ", pollTime=" + pollTime + ", " + recovery + "]";
    }
}
