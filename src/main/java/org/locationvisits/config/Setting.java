package org.locationvisits.config;

import static org.locationvisits.config.Purpose.FETCH;
import static org.locationvisits.config.Purpose.OFFSETS;
import static org.locationvisits.config.Purpose.PLAN;
import static org.locationvisits.config.Purpose.REPLAY;
import static org.locationvisits.config.Purpose.REPLAY_DRY_RUN;
import static org.locationvisits.config.Purpose.REPORT;
import static org.locationvisits.config.Purpose.RUN;
import static org.locationvisits.config.SettingGroup.*;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.warehouse.WarehouseSettings;

/**
 * Every setting, declared once: its environment variable (the main job), its Connect key (the source and/or
 * sink connector), type, default, rule, documentation and the commands that need it. The main job's reader,
 * both connectors' {@code ConfigDef}s, the runner's task properties, the start-up line and the README's tables
 * all come from here.
 */
public enum Setting {
    AWS_REGION(Spec.env("AWS_REGION").source("aws.region").sink("kinesis.region").group(AWS, "AWS region")
            .is(Kind.TEXT, "us-east-1", Rule.REGION).doc("AWS region of Kinesis, S3 and KMS.")),
    SHOPPERTRAK_API_BASE_URL(Spec.env("SHOPPERTRAK_API_BASE_URL").source("shoppertrak.api.base.url")
            .group(API, "API base URL").is(Kind.TEXT, ShopperTrakSettings.PRODUCTION_BASE_URL, Rule.BASE_URL)
            .redacted().doc("Base URL of the ShopperTrak traffic service, ending with '/'; today's form .../v2.0/ gets "
                    + "service/ appended, a URL ending service/ is used as it is.")),
    SHOPPERTRAK_USERNAME(Spec.env("SHOPPERTRAK_USERNAME").source("shoppertrak.username").only(RUN, FETCH)
            .group(API, "User name").is(Kind.TEXT, null, Rule.NON_EMPTY).doc("ShopperTrak API user name.")),
    SHOPPERTRAK_PASSWORD(Spec.env("SHOPPERTRAK_PASSWORD").source("shoppertrak.password").only(RUN, FETCH)
            .group(API, "Password").is(Kind.SECRET, null, Rule.NON_EMPTY)
            .doc("ShopperTrak API password. Never logged.")),
    SHOPPERTRAK_API_VERSION(Spec.env("SHOPPERTRAK_API_VERSION").source("shoppertrak.api.version")
            .group(API, "API version").is(Kind.CHOICE, "", Rule.oneOf(List.of("v1", "v2")))
            .envDefault("follows the URL")
            .doc("v1 or v2. Empty follows the base URL: /v2.0/ means v2, anything else v1.")),
    MAX_RETRIES(Spec.env("MAX_RETRIES").source("shoppertrak.max.retries").group(API, "Busy attempts")
            .is(Kind.INT, String.valueOf(ShopperTrakSettings.DEFAULT_MAX_RETRIES), Rule.wholeNumber(1, 100))
            .doc("Attempts in all when ShopperTrak answers busy (E108) or down (E000) before the day fails.")),
    RETRY_DELAY_SECONDS(Spec.env("RETRY_DELAY_SECONDS").source("shoppertrak.retry.delay.seconds")
            .group(API, "Busy retry delay (s)").is(Kind.INT,
                    String.valueOf(ShopperTrakSettings.DEFAULT_BUSY_RETRY_DELAY.toSeconds()), Rule.wholeNumber(0, 86_400))
            .doc("Seconds to wait after a busy answer before asking again.")),
    SHOPPERTRAK_CALL_TIMEOUT_SECONDS(Spec.env("SHOPPERTRAK_CALL_TIMEOUT_SECONDS")
            .source("shoppertrak.call.timeout.seconds").group(API, "Call deadline (s)").is(Kind.INT,
                    String.valueOf(ShopperTrakSettings.DEFAULT_CALL_TIMEOUT.toSeconds()), Rule.wholeNumber(0, 86_400))
            .doc("Overall deadline of one ShopperTrak request, connect to last byte, in seconds: a server that "
                    + "drips its answer cannot hang a run. A request past it counts as an HTTP failure (retried). "
                    + "0: no deadline. The main job's and the source's schema fetch attempts have the same deadline (the sink "
                    + "and the converter: 5 minutes).")),
    SHOPPERTRAK_MAX_ANSWER_BYTES(Spec.env("SHOPPERTRAK_MAX_ANSWER_BYTES").source("shoppertrak.max.answer.bytes")
            .group(API, "Largest answer (bytes)").is(Kind.LONG,
                    String.valueOf(ShopperTrakSettings.DEFAULT_MAX_ANSWER_BYTES), Rule.atLeast(1))
            .doc("A ShopperTrak answer longer than this is refused while it streams in, before memory runs out: "
                    + "the day fails without a retry and the offset stays where it is. The default (256 MiB) is "
                    + "some seven times a 2,000-site v2 day (34.5 MB).")),
    S3_BUCKET(Spec.env("S3_BUCKET").only(RUN, OFFSETS, PLAN).group(MAIN, "State bucket").is(Kind.TEXT, "", Rule.ANY)
            .envDefault("required unless `IGNORE_CACHE`")
            .doc("Bucket of the state object {\"last_poll_date\": \"YYYY-MM-DD\", ...} (see The state object).")),
    S3_RESOURCE(Spec.env("S3_RESOURCE").only(RUN, OFFSETS, PLAN).group(MAIN, "State key").is(Kind.TEXT, "", Rule.ANY)
            .envDefault("required unless `IGNORE_CACHE`")
            .doc("Key of the state object, e.g. location_visits_poller_state.json (production's).")),
    LOCATION_VISITS_SCHEMA_URL(Spec.env("LOCATION_VISITS_SCHEMA_URL").source("location.visits.schema.url")
            .sink("location.visits.schema.url").group(OUT, "Schema URL").is(Kind.TEXT, "", Rule.SCHEMA_URL)
            .redacted().envDefault("empty: bundled first generation")
            .doc("URL of the Platform API LocationVisits schema, or a bundled schema: bundled:first (the default "
                    + "when empty) or bundled:current. Its field names decide the record generation; record fields "
                    + "are matched by name.")),
    KINESIS_STREAM_ARN(Spec.env("KINESIS_STREAM_ARN").sink("kinesis.stream").only(RUN, REPLAY)
            .group(KINESIS, "Stream ARN or name").is(Kind.TEXT, null, Rule.STREAM)
            .envDefault("required unless `IGNORE_KINESIS`")
            .doc("The Kinesis stream, as an ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME) or a plain name.")),
    KINESIS_BATCH_SIZE(Spec.env("KINESIS_BATCH_SIZE").sink("kinesis.batch.size").group(KINESIS, "Batch size")
            .is(Kind.INT, "500", Rule.wholeNumber(1, 500))
            .doc("Most records per PutRecords call, 1 to 500; in the main job also the piece of a day whose "
                    + "position is stored once delivered.")),
    LOG_LEVEL(Spec.env("LOG_LEVEL").group(MAIN, "Log level").is(Kind.CHOICE, "info",
            Rule.oneOf(List.of("trace", "debug", "info", "warning", "warn", "error", "critical")))
            .doc("The Python poller's level names.")),
    LAST_POLL_DATE(Spec.env("LAST_POLL_DATE").source("initial.last.poll.date").group(POLL, "Initial last poll date")
            .is(Kind.DATE, "", Rule.DATE).doc("YYYY-MM-DD: the last day already delivered, used while no offset "
                    + "is stored (and with IGNORE_CACHE); polling starts the day after.")),
    LAST_END_DATE(Spec.env("LAST_END_DATE").alias("END_DATE").source("end.date").group(POLL, "End date")
            .is(Kind.DATE, "", Rule.DATE).envDefault("yesterday (New York)")
            .doc("YYYY-MM-DD: the last day to poll. Empty means yesterday in America/New_York, every day.")),
    IGNORE_CACHE(Spec.env("IGNORE_CACHE").group(MAIN, "Ignore state").is(Kind.BOOLEAN, "false", Rule.BOOLEAN)
            .doc("Neither read nor write the S3 state; start after LAST_POLL_DATE.")),
    IGNORE_KINESIS(Spec.env("IGNORE_KINESIS").group(MAIN, "Dry run").is(Kind.BOOLEAN, "false", Rule.BOOLEAN)
            .doc("Dry run: fetch, parse, encode and count; send nothing and write nothing durable (no state, "
                    + "memory, data-lake copy or stale mark).")),
    RUN_MODE(Spec.env("RUN_MODE").group(MAIN, "Run mode").is(Kind.CHOICE, "once",
            Rule.oneOf(List.of("once", "continuous")))
            .doc("once, or continuous: catch up, then poll again every day at POLL_TIME.")),
    POLL_TIME(Spec.env("POLL_TIME").source("poll.time").group(POLL, "Daily poll time").is(Kind.TIME, "06:00",
            Rule.TIME).doc("HH:MM in America/New_York at which a long-running task polls the day before: day D "
                    + "is fetched only after this time on D+1, when ShopperTrak has its counts.")),
    POLL_TIME_WAIT(Spec.connect().source("poll.time.wait").group(POLL, "Wait for poll time")
            .is(Kind.BOOLEAN, "true", Rule.BOOLEAN).doc("Whether day D waits for poll.time on D+1 (long-running "
                    + "tasks). The main job sets it from RUN_MODE: once polls through yesterday at once.")),
    FAILED_DAY_RETRY(Spec.connect().source("failed.day.retry.seconds").group(POLL, "Failed day retry (s)")
            .is(Kind.INT, "3600", Rule.wholeNumber(0, 86_400)).doc("When a day fails (busy, bad data, HTTP "
                    + "failures), seconds before the task tries it again; a quota answer (E107) waits for poll.time.")),
    TOPIC(Spec.connect().source("topic").group(OUT, "Topic").is(Kind.TEXT, "LocationVisits", Rule.NON_EMPTY)
            .doc("Kafka topic the LocationVisits records are written to.")),
    TASKS_MAX(Spec.connect().source("tasks.max").group(OUT, "Tasks (always one)")
            .is(Kind.INT, "1", Rule.atLeast(1)).doc("The connector always runs one task: ShopperTrak is polled "
                    + "once per day for all sites, so a tasks.max above 1 still gives one task.")),
    TOPICS(Spec.connect().sink("topics").byWorker().group(RECORD, "Topics").is(Kind.LIST, null, Rule.ANY)
            .doc("The LocationVisits topic(s).")),
    KINESIS_ENDPOINT(Spec.connect().sink("kinesis.endpoint").group(KINESIS, "Endpoint override")
            .is(Kind.TEXT, "", Rule.ENDPOINT).doc("Kinesis endpoint URL. Empty for AWS (the SDK then also "
                    + "honours AWS_ENDPOINT_URL_KINESIS); set it for a local stand-in or a VPC endpoint.")),
    KINESIS_RETRY_BACKOFF(Spec.connect().sink("kinesis.retry.backoff.ms").group(KINESIS, "Retry backoff (ms)")
            .is(Kind.LONG, "10000", Rule.wholeNumber(0, 3_600_000)).doc("When Kinesis still refuses records after "
                    + "the forwarder's own retries, the task waits this long before the worker hands it the same "
                    + "records again; no offset advances meanwhile.")),
    KINESIS_THROTTLE_MAX_WAIT(Spec.connect().sink("kinesis.throttle.max.wait.ms").group(KINESIS,
            "Throttled wait (ms)").is(Kind.LONG, "120000", Rule.wholeNumber(0, 3_600_000)).doc("How long a batch "
                    + "may go on being throttled (ProvisionedThroughputExceeded) without any record accepted before "
                    + "put() gives up and the worker hands it again after kinesis.retry.backoff.ms. Throttling uses "
                    + "none of the retries meant for errors. Keep it below the consumer's max.poll.interval.ms.")),
    BAD_POLL_DATES(Spec.env("BAD_POLL_DATES").source("bad.poll.dates").group(RECOVERY, "Bad poll dates")
            .is(Kind.DATES, "", Rule.DATES).doc("Days ShopperTrak is known to fail on: comma-separated, a JSON "
                    + "array ([\"2026-03-08\"]) or a YAML list. When ShopperTrak's answer fails one (an error code, "
                    + "busy to the end, a malformed answer) it is one INFO line and the offset moves past it once "
                    + "the days before are delivered; E107, network failures and a stop leave the offset where it is."
                    + " Nothing ShopperTrak answers about a listed day is logged above INFO; a failure that is not about the day (no answer after the retries, a refused request, E107) keeps its ERROR line and exit 1.")),
    REDSHIFT_DB_HOST(Spec.env("REDSHIFT_DB_HOST").source("warehouse.host").only(RUN, FETCH, REPLAY, REPLAY_DRY_RUN,
            REPORT, PLAN).group(RECOVERY, "Warehouse host").is(Kind.TEXT, "", Rule.ANY)
            .envDefault("none: recovery from the task's own memory").doc("Warehouse (Redshift, or any PostgreSQL) "
                    + "with the hours, closures and location_visits tables; recovery plans from it.")),
    REDSHIFT_DB_PORT(Spec.env("REDSHIFT_DB_PORT").source("warehouse.port").group(RECOVERY, "Warehouse port")
            .is(Kind.INT, String.valueOf(WarehouseSettings.DEFAULT_PORT), Rule.wholeNumber(1, 65_535))
            .doc("Warehouse port.")),
    REDSHIFT_DB_NAME(Spec.env("REDSHIFT_DB_NAME").source("warehouse.database").only(RUN, FETCH, REPLAY,
            REPLAY_DRY_RUN, REPORT, PLAN).group(RECOVERY, "Warehouse database").is(Kind.TEXT, "", Rule.ANY)
            .envDefault("required with a host").doc("Warehouse database; outside 'production' every table name "
                    + "gets _<name> appended (location_visits_qa).")),
    REDSHIFT_DB_USER(Spec.env("REDSHIFT_DB_USER").source("warehouse.user").only(RUN, FETCH, REPLAY, REPLAY_DRY_RUN,
            REPORT, PLAN).group(RECOVERY, "Warehouse user").is(Kind.TEXT, "", Rule.ANY)
            .envDefault("required with a host")
            .doc("Warehouse user.")),
    REDSHIFT_DB_PASSWORD(Spec.env("REDSHIFT_DB_PASSWORD").source("warehouse.password").only(RUN, FETCH, REPLAY,
            REPLAY_DRY_RUN, REPORT, PLAN).group(RECOVERY, "Warehouse password").is(Kind.SECRET, "", Rule.ANY)
            .envDefault("required with a host").doc("Warehouse password. Never logged.")),
    REDSHIFT_DB_SSLMODE(Spec.env("REDSHIFT_DB_SSLMODE").source("warehouse.sslmode").group(RECOVERY,
            "Warehouse SSL mode").is(Kind.CHOICE, WarehouseSettings.DEFAULT_SSL_MODE,
                    Rule.oneOf(WarehouseSettings.SSL_MODES)).doc("libpq's SSL mode: require as Redshift expects, "
                    + "disable for a local database.")),
    IGNORE_UPDATE(Spec.env("IGNORE_UPDATE").group(RECOVERY, "Ignore update").is(Kind.BOOLEAN, "false",
            Rule.BOOLEAN).doc("Recovery does not mark replaced warehouse rows is_fresh = false (a dry run never "
                    + "does); the connector's warehouse.mark.stale=false.")),
    WAREHOUSE_MARK_STALE(Spec.connect().source("warehouse.mark.stale").group(RECOVERY, "Mark stale rows")
            .is(Kind.BOOLEAN, "true", Rule.BOOLEAN).doc("Mark warehouse rows replaced by recovered ones as not "
                    + "fresh (the main job's IGNORE_UPDATE=false).")),
    LOCATION_CALENDAR(Spec.env("LOCATION_CALENDAR").source("location.calendar").group(RECOVERY,
            "Location calendar").is(Kind.TEXT, "", Rule.ANY).doc("Without a warehouse: regular hours and full-day "
                    + "closures as a JSON or YAML document, a file path or s3://bucket/key.")),
    ALL_SITES_S3_BUCKET(Spec.env("ALL_SITES_S3_BUCKET").source("all.sites.s3.bucket").group(RECOVERY,
            "All-sites bucket").is(Kind.TEXT, "", Rule.ANY).doc("Bucket of the all-sites list (a JSON array of "
                    + "site IDs): sites absent from a day's answer are recovered. Set with its key, or neither.")),
    ALL_SITES_S3_RESOURCE(Spec.env("ALL_SITES_S3_RESOURCE").source("all.sites.s3.resource").group(RECOVERY,
            "All-sites key").is(Kind.TEXT, "", Rule.ANY).doc("Key of the all-sites list.")),
    SITES(Spec.connect().source("shoppertrak.sites").group(RECOVERY, "All sites").is(Kind.LIST, "", Rule.ANY)
            .doc("The all-sites list as site IDs (a Connect alternative to all.sites.s3.*): sites absent from a "
                    + "day's answer are recovered.")),
    SHOPPERTRAK_DAILY_CALL_LIMIT(Spec.env("SHOPPERTRAK_DAILY_CALL_LIMIT").source("shoppertrak.daily.call.limit")
            .group(RECOVERY, "Daily call budget").is(Kind.INT, "0", Rule.wholeNumber(0, 1_000_000))
            .envDefault("`0`: no budget").doc("ShopperTrak calls a New York day may take, the daily poll's "
                    + "included, retries included: no call passes it. A backfill stops there with exit 0 and goes on "
                    + "the next day; recovery gets what the daily poll leaves. 0: no budget.")),
    RECOVERY_SCHEDULE(Spec.env("RECOVERY_SCHEDULE").source("recovery.schedule").group(RECOVERY,
            "Recovery schedule").is(Kind.CHOICE, "daily", Rule.oneOf(List.of("daily", "backoff")))
            .doc("daily: every pass asks every pending site-day of the 30-day window again, as the Python poller "
                    + "does. backoff: a pending site-day (unhealthy or missing) is asked 1, 2, 4, 8, 16 and 29 days "
                    + "after its day (and 30, the window's last day, as a last chance), and on the next pass when its "
                    + "last re-query came back changed: a sensor broken for good costs at most 7 calls per site-day "
                    + "instead of up to 30.")),
    DATA_LAKE_S3_BUCKET(Spec.env("DATA_LAKE_S3_BUCKET").source("data.lake.s3.bucket").group(RECOVERY,
            "Data-lake bucket").is(Kind.TEXT, "", Rule.ANY).envDefault("none: no copy").doc("Bucket for a byte-"
                    + "for-byte (gzip) copy of every ShopperTrak answer that yields rows, at no extra API call.")),
    DATA_LAKE_S3_PATH(Spec.env("DATA_LAKE_S3_PATH").source("data.lake.s3.path").group(RECOVERY, "Data-lake path")
            .is(Kind.TEXT, "", Rule.ANY).doc("Key prefix of the data-lake copy: answers go under "
                    + "<prefix>YYYY/MM/DD/.")),
    METRICS_FORMAT(Spec.env("METRICS_FORMAT").group(MAIN, "Metrics format").is(Kind.CHOICE, "none",
            Rule.oneOf(List.of("none", "emf"))).doc("emf: one CloudWatch Embedded Metric Format line per delivered "
                    + "day and one per run on standard output (see Metrics and alarms).")),
    HTTP_PORT(Spec.env("HTTP_PORT").only(RUN).group(MAIN, "HTTP port").is(Kind.INT, "0",
            Rule.wholeNumber(0, 65_535)).envDefault("`0`: off").doc("Port of the main job's HTTP endpoints, meant "
                    + "for RUN_MODE=continuous: GET /health/live, /health/ready (503 with the reason when the last "
                    + "poll failed or the job is more than one day behind) and /metrics (Prometheus text format). "
                    + "They listen on HTTP_BIND and stop with the run; a port that cannot be bound stops the start "
                    + "with exit 2. 0 or empty: no endpoints.")),
    HTTP_BIND(Spec.env("HTTP_BIND").only(RUN).group(MAIN, "HTTP bind address").is(Kind.TEXT, "0.0.0.0",
            Rule.IP_ADDRESS).doc("Address the HTTP_PORT endpoints listen on: 0.0.0.0 (every interface, as a "
                    + "container's health check and scraper need), or 127.0.0.1 to serve this host only. They "
                    + "answer without authentication and show only counts and dates, never a setting.")),
    ENVIRONMENT(Spec.env("ENVIRONMENT").group(MAIN, "Environment").is(Kind.TEXT, "default", Rule.ANY)
            .doc("Names the file connector-config/<ENVIRONMENT>.yaml (unless --config) and the EMF dimension."));

    private final Spec spec;

    Setting(Spec spec) {
        this.spec = spec;
    }

    /** The main job's environment variable, if it has one. */
    public Optional<String> env() {
        return spec.envName();
    }

    /** An older name the main job still reads when the variable is unset. */
    public Optional<String> alias() {
        return Optional.ofNullable(spec.alias);
    }

    public Optional<String> sourceKey() {
        return Optional.ofNullable(spec.sourceKey);
    }

    public Optional<String> sinkKey() {
        return Optional.ofNullable(spec.sinkKey);
    }

    public Kind kind() {
        return spec.kind;
    }

    /** The default as text; empty when there is none (a connector requires the setting). */
    public Optional<String> defaultText() {
        return Optional.ofNullable(spec.defaultText);
    }

    public Rule rule() {
        return spec.rule;
    }

    public String doc() {
        return spec.doc;
    }

    Spec spec() {
        return spec;
    }
}
