package org.locationvisits.config;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationvisits.kinesis.sink.KinesisSinkConfig;
import org.locationvisits.source.SourceConfig;

/** Every row of the settings table: its variable and its Connect keys name each other, both ways. */
class SettingTest {
    /** A valid value other than the default for every variable the task receives, as the connector reads it. */
    static final Map<Setting, String> SAMPLES = Map.ofEntries(
            entry(Setting.AWS_REGION, "eu-west-1"),
            entry(Setting.SHOPPERTRAK_API_BASE_URL, "https://stws.shoppertrak.com/Traffic/Customer/v2.0/"),
            entry(Setting.SHOPPERTRAK_USERNAME, "someone"),
            entry(Setting.SHOPPERTRAK_PASSWORD, " pass word "),
            entry(Setting.SHOPPERTRAK_API_VERSION, "v1"),
            entry(Setting.MAX_RETRIES, "7"),
            entry(Setting.RETRY_DELAY_SECONDS, "12"),
            entry(Setting.SHOPPERTRAK_CALL_TIMEOUT_SECONDS, "45"),
            entry(Setting.SHOPPERTRAK_MAX_ANSWER_BYTES, "123456"),
            entry(Setting.LOCATION_VISITS_SCHEMA_URL, "bundled:current"),
            entry(Setting.LAST_POLL_DATE, "2024-03-01"),
            entry(Setting.LAST_END_DATE, "2024-03-05"),
            entry(Setting.POLL_TIME, "07:30"),
            entry(Setting.BAD_POLL_DATES, "2026-03-08,2025-11-02"),
            entry(Setting.REDSHIFT_DB_HOST, "redshift.example.org"),
            entry(Setting.REDSHIFT_DB_PORT, "5432"),
            entry(Setting.REDSHIFT_DB_NAME, "qa"),
            entry(Setting.REDSHIFT_DB_USER, "poller"),
            entry(Setting.REDSHIFT_DB_PASSWORD, "warehouse-secret"),
            entry(Setting.REDSHIFT_DB_SSLMODE, "verify-full"),
            entry(Setting.LOCATION_CALENDAR, "s3://bucket/calendar.yaml"),
            entry(Setting.ALL_SITES_S3_BUCKET, "sites"),
            entry(Setting.ALL_SITES_S3_RESOURCE, "site_ids.json"),
            entry(Setting.SHOPPERTRAK_DAILY_CALL_LIMIT, "40"),
            entry(Setting.RECOVERY_SCHEDULE, "backoff"),
            entry(Setting.DATA_LAKE_S3_BUCKET, "lake"),
            entry(Setting.DATA_LAKE_S3_PATH, "shoppertrak/"));
    /** As the connector gets them: a list of dates sorted, a date range in order. */
    static final Map<Setting, String> AS_PROPS = Map.of(Setting.BAD_POLL_DATES, "2025-11-02,2026-03-08");
    /** Keys the main job decides itself rather than copying a variable. */
    static final Set<Setting> DECIDED_BY_THE_MAIN_JOB = Set.of(Setting.POLL_TIME_WAIT, Setting.WAREHOUSE_MARK_STALE);

    @ParameterizedTest
    @EnumSource(Setting.class)
    void eachNameLeadsBackToItsSetting(Setting setting) {
        setting.env().ifPresent(env -> assertThat(SettingIndex.byEnv(env)).contains(setting));
        setting.alias().ifPresent(alias -> assertThat(SettingIndex.byEnv(alias)).isEmpty());
        setting.sourceKey().ifPresent(key -> assertThat(SettingIndex.byKey(key)).contains(setting));
        setting.sinkKey().ifPresent(key -> assertThat(SettingIndex.byKey(key)).contains(setting));
        assertThat(setting.env().or(setting::sourceKey).or(setting::sinkKey)).as("a setting has a name").isPresent();
        assertThat(setting.doc()).isNotBlank();
    }

    @Test
    void eachConnectorDeclaresExactlyTheKeysOfTheTable() {
        assertThat(SourceConfig.CONFIG_DEF.names()).isEqualTo(keys(Setting::sourceKey, false));
        assertThat(KinesisSinkConfig.CONFIG_DEF.names()).isEqualTo(keys(Setting::sinkKey, true));
        for (String key : SourceConfig.CONFIG_DEF.names()) {
            Setting setting = SettingIndex.byKey(key).orElseThrow();
            setting.env().ifPresent(env -> assertThat(SourceConfig.CONFIG_DEF.configKeys().get(key).documentation)
                    .as("the doc of %s names %s", key, env).endsWith("(" + env + ")"));
        }
    }

    @Test
    void everyVariableWithASourceKeyReachesTheTaskUnderThatKeyAndOnlyThose() {
        Map<String, String> env = RunnerSettingsTest.valid();
        SAMPLES.forEach((setting, value) -> env.put(setting.env().orElseThrow(), value));

        Map<String, String> props = RunnerSettings.from(env).connectorProps();

        Set<Setting> copied = Arrays.stream(Setting.values())
                .filter(s -> s.env().isPresent() && s.sourceKey().isPresent()).collect(Collectors.toSet());
        assertThat(SAMPLES.keySet()).as("a sample for every variable the task receives").isEqualTo(copied);
        for (Setting setting : copied) {
            String key = setting.sourceKey().orElseThrow();
            String expected = AS_PROPS.getOrDefault(setting, SAMPLES.get(setting));
            assertThat(props.get(key)).as("%s -> %s", setting.env().orElseThrow(), key).isEqualTo(expected);
        }
        Set<String> expectedKeys = new java.util.HashSet<>(keys(Setting::sourceKey, false));
        expectedKeys.removeIf(key -> {
            Setting setting = SettingIndex.byKey(key).orElseThrow();
            return !copied.contains(setting) && !DECIDED_BY_THE_MAIN_JOB.contains(setting);
        });
        assertThat(props.keySet()).isEqualTo(expectedKeys);
        assertThat(new SourceConfig(props).shopperTrak().maxRetries()).isEqualTo(7);
        // The client's limits come from the same settings: deadline, answer cap and the listed days.
        org.locationvisits.shoppertrak.ShopperTrakSettings.Limits limits =
                new SourceConfig(props).shopperTrak().limits();
        assertThat(limits.callTimeout()).isEqualTo(java.time.Duration.ofSeconds(45));
        assertThat(limits.maxAnswerBytes()).isEqualTo(123_456L);
        assertThat(limits.badPollDates()).isEqualTo(new SourceConfig(props).badPollDates()).isNotEmpty();
    }

    @Test
    void theStartUpLineNamesEveryVariableAndHidesSecrets() {
        Map<String, String> env = new HashMap<>(RunnerSettingsTest.valid());
        SAMPLES.forEach((setting, value) -> env.put(setting.env().orElseThrow(), value));

        String line = RunnerSettings.from(env).toString();

        for (Setting setting : Setting.values()) {
            setting.env().ifPresent(variable -> assertThat(line).contains(variable + "="));
        }
        assertThat(line).contains("SHOPPERTRAK_PASSWORD=[hidden]", "REDSHIFT_DB_PASSWORD=[hidden]",
                        "MAX_RETRIES=7", "BAD_POLL_DATES=2025-11-02,2026-03-08")
                .doesNotContain("pass word", "warehouse-secret");
    }

    private static Set<String> keys(java.util.function.Function<Setting, Optional<String>> key, boolean sink) {
        return Arrays.stream(Setting.values()).filter(s -> !(sink && s.spec().declaredByWorker))
                .map(key).flatMap(Optional::stream).collect(Collectors.toSet());
    }
}
