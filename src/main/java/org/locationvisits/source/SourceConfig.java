package org.locationvisits.source;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.locationvisits.common.TextValidator;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.ShopperTrakSettings;

/** Settings of the ShopperTrak source connector, declared once with docs and validators. */
public final class SourceConfig extends AbstractConfig {
    /** ShopperTrak reports and the record's poll_date use New York local time. */
    public static final ZoneId ZONE = ZoneId.of("America/New_York");

    private static final String GROUP_API = "ShopperTrak API";
    private static final String GROUP_POLL = "Polling";
    private static final String GROUP_OUT = "Output";

    public static final String BASE_URL_CONFIG = "shoppertrak.api.base.url";
    private static final String BASE_URL_DOC = "Base URL of the ShopperTrak traffic service, ending with '/', "
            + "e.g. " + ShopperTrakSettings.PRODUCTION_BASE_URL + " (SHOPPERTRAK_API_BASE_URL).";
    public static final String USERNAME_CONFIG = "shoppertrak.username";
    private static final String USERNAME_DOC = "ShopperTrak API user name (SHOPPERTRAK_USERNAME).";
    public static final String PASSWORD_CONFIG = "shoppertrak.password";
    private static final String PASSWORD_DOC = "ShopperTrak API password (SHOPPERTRAK_PASSWORD). Never logged.";
    public static final String API_VERSION_CONFIG = "shoppertrak.api.version";
    private static final String API_VERSION_DOC = "ShopperTrak API version, v1 or v2 (SHOPPERTRAK_API_VERSION). "
            + "Empty follows the base URL: /v2.0/ means v2, anything else v1.";
    public static final String MAX_RETRIES_CONFIG = "shoppertrak.max.retries";
    private static final String MAX_RETRIES_DOC = "Attempts in all when ShopperTrak answers 'server busy' (E108) "
            + "or 'server down' (E000) before the day fails (MAX_RETRIES).";
    public static final String RETRY_DELAY_CONFIG = "shoppertrak.retry.delay.seconds";
    private static final String RETRY_DELAY_DOC = "Seconds to wait after a busy answer before asking again "
            + "(RETRY_DELAY_SECONDS).";

    public static final String INITIAL_DATE_CONFIG = "initial.last.poll.date";
    private static final String INITIAL_DATE_DOC = "YYYY-MM-DD: the day treated as already delivered when no "
            + "offset is stored yet; polling starts the day after (LAST_POLL_DATE). Required when no offset exists.";
    public static final String END_DATE_CONFIG = "end.date";
    private static final String END_DATE_DOC = "YYYY-MM-DD: the last day to poll (LAST_END_DATE). Empty means "
            + "yesterday in America/New_York, moving forward every day.";
    public static final String POLL_TIME_CONFIG = "poll.time";
    private static final String POLL_TIME_DOC = "HH:MM local time in America/New_York at which a long-running task "
            + "polls the day before (POLL_TIME): day D is fetched only after this time on D+1, when ShopperTrak has "
            + "its counts.";
    public static final String POLL_TIME_WAIT_CONFIG = "poll.time.wait";
    private static final String POLL_TIME_WAIT_DOC = "Whether day D waits for POLL_TIME on D+1 (true: long-running "
            + "tasks). The main job's once mode sets false: it runs when scheduled and polls through yesterday.";
    public static final String FAILED_DAY_RETRY_CONFIG = "failed.day.retry.seconds";
    private static final String FAILED_DAY_RETRY_DOC = "When a day fails (busy, bad data, HTTP failures), seconds "
            + "to wait before the task tries that day again. A daily quota answer (E107) waits for the next poll time.";

    public static final String SCHEMA_URL_CONFIG = "location.visits.schema.url";
    private static final String SCHEMA_URL_DOC = "URL of the Platform API LocationVisits schema "
            + "(LOCATION_VISITS_SCHEMA_URL), or a bundled schema: bundled:first (the default when empty) or "
            + "bundled:current. Its field names decide the record generation the task emits.";
    public static final String TOPIC_CONFIG = "topic";
    private static final String TOPIC_DOC = "Kafka topic the LocationVisits records are written to.";
    public static final String TASKS_MAX_CONFIG = "tasks.max";
    public static final String TASKS_MAX_NOTE = "The connector always runs one task: ShopperTrak is polled once "
            + "per day for all sites, so a tasks.max above 1 still gives one task.";

    public static final ConfigDef CONFIG_DEF = DropInConfig.addTo(new ConfigDef()
            .define(BASE_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.BASE_URL, Importance.HIGH,
                    BASE_URL_DOC, GROUP_API, 1, Width.LONG, "API base URL")
            .define(USERNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, USERNAME_DOC, GROUP_API, 2, Width.MEDIUM, "User name")
            .define(PASSWORD_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Validators.NON_EMPTY_PASSWORD,
                    Importance.HIGH, PASSWORD_DOC, GROUP_API, 3, Width.MEDIUM, "Password")
            .define(API_VERSION_CONFIG, Type.STRING, "", ConfigDef.ValidString.in("", "v1", "v2"), Importance.MEDIUM,
                    API_VERSION_DOC, GROUP_API, 4, Width.SHORT, "API version")
            .define(MAX_RETRIES_CONFIG, Type.INT, ShopperTrakSettings.DEFAULT_MAX_RETRIES, ConfigDef.Range.between(1, 100), Importance.MEDIUM,
                    MAX_RETRIES_DOC, GROUP_API, 5, Width.SHORT, "Busy attempts")
            .define(RETRY_DELAY_CONFIG, Type.INT, (int) ShopperTrakSettings.DEFAULT_BUSY_RETRY_DELAY.toSeconds(),
                    ConfigDef.Range.between(0, 86_400), Importance.MEDIUM,
                    RETRY_DELAY_DOC, GROUP_API, 6, Width.SHORT, "Busy retry delay (s)")
            .define(INITIAL_DATE_CONFIG, Type.STRING, "", Validators.OPTIONAL_DATE, Importance.HIGH,
                    INITIAL_DATE_DOC, GROUP_POLL, 1, Width.SHORT, "Initial last poll date")
            .define(END_DATE_CONFIG, Type.STRING, "", Validators.OPTIONAL_DATE, Importance.MEDIUM,
                    END_DATE_DOC, GROUP_POLL, 2, Width.SHORT, "End date")
            .define(POLL_TIME_CONFIG, Type.STRING, "06:00", Validators.TIME, Importance.LOW,
                    POLL_TIME_DOC, GROUP_POLL, 3, Width.SHORT, "Daily poll time")
            .define(POLL_TIME_WAIT_CONFIG, Type.BOOLEAN, true, Importance.LOW, POLL_TIME_WAIT_DOC, GROUP_POLL, 5,
                    Width.SHORT, "Wait for poll time")
            .define(FAILED_DAY_RETRY_CONFIG, Type.INT, 3600, ConfigDef.Range.between(0, 86_400), Importance.LOW,
                    FAILED_DAY_RETRY_DOC, GROUP_POLL, 4, Width.SHORT, "Failed day retry (s)")
            .define(SCHEMA_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, SCHEMA_URL_DOC, GROUP_OUT, 1,
                    Width.LONG, "Schema URL")
            .define(TOPIC_CONFIG, Type.STRING, "LocationVisits", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    TOPIC_DOC, GROUP_OUT, 2, Width.MEDIUM, "Topic")
            // Declared again here (the worker declares it too) so that config/validate shows this note with it.
            .define(TASKS_MAX_CONFIG, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW, TASKS_MAX_NOTE,
                    GROUP_OUT, 3, Width.SHORT, "Tasks (always one)"));

    public SourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** Why a base URL is refused; the embedded runner says the same of SHOPPERTRAK_API_BASE_URL. */
    public static final String BASE_URL_PROBLEM = "must be an http(s) URL ending with '/', e.g. "
            + ShopperTrakSettings.PRODUCTION_BASE_URL;

    /** The service path is appended to the base URL, so it must be http(s) and end with '/'. */
    public static boolean isBaseUrl(String text) {
        return (text.startsWith("http://") || text.startsWith("https://")) && text.endsWith("/");
    }

    /** A setting's declared default, as text: the embedded runner applies the same defaults. */
    public static String defaultOf(String key) {
        return String.valueOf(CONFIG_DEF.defaultValues().get(key));
    }

    public ShopperTrakSettings shopperTrak() {
        Password password = getPassword(PASSWORD_CONFIG);
        return ShopperTrakSettings.defaults(getString(BASE_URL_CONFIG), getString(USERNAME_CONFIG), password.value())
                .withBusyRetries(getInt(MAX_RETRIES_CONFIG), Duration.ofSeconds(getInt(RETRY_DELAY_CONFIG)))
                .withVersion(apiVersion(getString(API_VERSION_CONFIG), getString(BASE_URL_CONFIG)))
                .withRawAnswers(dataLakeBucket().isPresent());
    }

    /** The version set, else the one the base URL names (/v2.0/ is v2), else v1. */
    public static ApiVersion apiVersion(String setting, String baseUrl) {
        if (setting != null && !setting.isBlank()) {
            return ApiVersion.parse(setting);
        }
        return ApiVersion.fromBaseUrl(baseUrl).orElse(ApiVersion.V1);
    }

    public boolean waitForPollTime() {
        return getBoolean(POLL_TIME_WAIT_CONFIG);
    }

    /** Days whose failures are warnings, not errors (BAD_POLL_DATES). */
    public java.util.Set<LocalDate> badPollDates() {
        java.util.Set<LocalDate> dates = new java.util.TreeSet<>();
        for (String d : getList(DropInConfig.BAD_POLL_DATES_CONFIG)) {
            if (!d.isBlank()) {
                dates.add(LocalDate.parse(d.trim()));
            }
        }
        return dates;
    }

    /** The warehouse, when a host is set. */
    public Optional<org.locationvisits.warehouse.WarehouseSettings> warehouse() {
        String host = getString(DropInConfig.WAREHOUSE_HOST_CONFIG);
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new org.locationvisits.warehouse.WarehouseSettings(host.trim(),
                getInt(DropInConfig.WAREHOUSE_PORT_CONFIG), getString(DropInConfig.WAREHOUSE_DATABASE_CONFIG).trim(),
                getString(DropInConfig.WAREHOUSE_USER_CONFIG).trim(),
                getPassword(DropInConfig.WAREHOUSE_PASSWORD_CONFIG).value(),
                getString(DropInConfig.WAREHOUSE_SSLMODE_CONFIG)));
    }

    public boolean markStaleRows() {
        return getBoolean(DropInConfig.WAREHOUSE_UPDATE_CONFIG);
    }

    public Optional<String> locationCalendar() {
        return optionalText(DropInConfig.CALENDAR_CONFIG);
    }

    /** The all-sites list as (bucket, key), when both are set. */
    public Optional<org.locationvisits.common.S3Location> allSitesList() {
        return optionalText(DropInConfig.ALL_SITES_BUCKET_CONFIG).flatMap(bucket ->
                optionalText(DropInConfig.ALL_SITES_RESOURCE_CONFIG).map(key ->
                        new org.locationvisits.common.S3Location(bucket, key)));
    }

    /** The all-sites list given in the configuration; empty when none is. */
    public java.util.List<String> sites() {
        return getList(DropInConfig.SITES_CONFIG).stream().map(String::strip).filter(site -> !site.isEmpty())
                .distinct().toList();
    }

    public int dailyCallLimit() {
        return getInt(DropInConfig.DAILY_CALL_LIMIT_CONFIG);
    }

    public Optional<String> dataLakeBucket() {
        return optionalText(DropInConfig.DATA_LAKE_BUCKET_CONFIG);
    }

    public String dataLakePath() {
        return getString(DropInConfig.DATA_LAKE_PATH_CONFIG).trim();
    }

    public String awsRegion() {
        return getString(DropInConfig.AWS_REGION_CONFIG).trim();
    }

    private Optional<String> optionalText(String key) {
        String value = getString(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<LocalDate> initialLastPollDate() {
        return optionalDate(INITIAL_DATE_CONFIG);
    }

    public Optional<LocalDate> endDate() {
        return optionalDate(END_DATE_CONFIG);
    }

    public LocalTime pollTime() {
        return LocalTime.parse(getString(POLL_TIME_CONFIG));
    }

    public Duration failedDayRetry() {
        return Duration.ofSeconds(getInt(FAILED_DAY_RETRY_CONFIG));
    }

    public String schemaUrl() {
        return getString(SCHEMA_URL_CONFIG);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    private Optional<LocalDate> optionalDate(String key) {
        String value = getString(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(value.trim()));
    }

    /** Validators that give messages an operator can act on. */
    static final class Validators {
        static final ConfigDef.Validator OPTIONAL_DATE = TextValidator.of("YYYY-MM-DD or empty",
                "must be a date as YYYY-MM-DD, e.g. 2024-03-25",
                text -> text.isEmpty() || TextValidator.parses(text, LocalDate::parse));

        static final ConfigDef.Validator TIME = TextValidator.of("HH:MM",
                "must be a local time as HH:MM, e.g. 06:00", text -> TextValidator.parses(text, LocalTime::parse));

        static final ConfigDef.Validator BASE_URL = TextValidator.of("http(s) URL ending with '/'",
                BASE_URL_PROBLEM, SourceConfig::isBaseUrl);

        static final ConfigDef.Validator NON_EMPTY_PASSWORD = new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || ((Password) value).value().isEmpty()) {
                    // Never echo the value of a password in a message.
                    throw new ConfigException(name + " must not be empty");
                }
            }

            @Override
            public String toString() {
                return "non-empty password";
            }
        };

        private Validators() {
        }
    }
}
