package org.locationvisits.source;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.locationvisits.config.ConnectorDefs;
import org.locationvisits.config.DateList;
import org.locationvisits.config.Setting;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.ShopperTrakSettings;

/**
 * Settings of the ShopperTrak source connector: its {@code ConfigDef} comes from the {@link Setting} table;
 * this class reads them as the task's types.
 */
public final class SourceConfig extends AbstractConfig {
    /** ShopperTrak reports and the record's poll_date use New York local time. */
    public static final ZoneId ZONE = ZoneId.of("America/New_York");

    public static final String BASE_URL_CONFIG = key(Setting.SHOPPERTRAK_API_BASE_URL);
    public static final String USERNAME_CONFIG = key(Setting.SHOPPERTRAK_USERNAME);
    public static final String PASSWORD_CONFIG = key(Setting.SHOPPERTRAK_PASSWORD);
    public static final String API_VERSION_CONFIG = key(Setting.SHOPPERTRAK_API_VERSION);
    public static final String MAX_RETRIES_CONFIG = key(Setting.MAX_RETRIES);
    public static final String RETRY_DELAY_CONFIG = key(Setting.RETRY_DELAY_SECONDS);
    public static final String CALL_TIMEOUT_CONFIG = key(Setting.SHOPPERTRAK_CALL_TIMEOUT_SECONDS);
    public static final String MAX_ANSWER_BYTES_CONFIG = key(Setting.SHOPPERTRAK_MAX_ANSWER_BYTES);
    public static final String INITIAL_DATE_CONFIG = key(Setting.LAST_POLL_DATE);
    public static final String END_DATE_CONFIG = key(Setting.LAST_END_DATE);
    public static final String POLL_TIME_CONFIG = key(Setting.POLL_TIME);
    public static final String POLL_TIME_WAIT_CONFIG = key(Setting.POLL_TIME_WAIT);
    public static final String FAILED_DAY_RETRY_CONFIG = key(Setting.FAILED_DAY_RETRY);
    public static final String SCHEMA_URL_CONFIG = key(Setting.LOCATION_VISITS_SCHEMA_URL);
    public static final String TOPIC_CONFIG = key(Setting.TOPIC);
    public static final String TASKS_MAX_CONFIG = key(Setting.TASKS_MAX);
    public static final String TASKS_MAX_NOTE = Setting.TASKS_MAX.doc();

    public static final ConfigDef CONFIG_DEF = ConnectorDefs.source();

    public SourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public ShopperTrakSettings shopperTrak() {
        Password password = getPassword(PASSWORD_CONFIG);
        return ShopperTrakSettings.defaults(getString(BASE_URL_CONFIG), getString(USERNAME_CONFIG), password.value())
                .withBusyRetries(getInt(MAX_RETRIES_CONFIG), Duration.ofSeconds(getInt(RETRY_DELAY_CONFIG)))
                .withVersion(apiVersion(getString(API_VERSION_CONFIG), getString(BASE_URL_CONFIG)))
                .withRawAnswers(dataLakeBucket().isPresent())
                .withLimits(new ShopperTrakSettings.Limits(Duration.ofSeconds(getInt(CALL_TIMEOUT_CONFIG)),
                        getLong(MAX_ANSWER_BYTES_CONFIG), badPollDates()));
    }

    /** The version set, else the one the base URL names (/v2.0/ is v2), else v1. */
    public static ApiVersion apiVersion(String setting, String baseUrl) {
        return ShopperTrakSettings.version(setting, baseUrl);
    }

    public boolean waitForPollTime() {
        return getBoolean(POLL_TIME_WAIT_CONFIG);
    }

    /** Days whose failures are warnings, not errors (BAD_POLL_DATES). */
    public java.util.Set<LocalDate> badPollDates() {
        return new java.util.TreeSet<>(DateList.parse(String.join(",", getList(DropInConfig.BAD_POLL_DATES_CONFIG))));
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

    /** RECOVERY_SCHEDULE: which pending site-days a recovery pass asks again. */
    public org.locationvisits.recovery.RecoverySchedule recoverySchedule() {
        return org.locationvisits.recovery.RecoverySchedule.of(
                getString(Setting.RECOVERY_SCHEDULE.sourceKey().orElseThrow()));
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

    private static String key(Setting setting) {
        return setting.sourceKey().orElseThrow();
    }
}
