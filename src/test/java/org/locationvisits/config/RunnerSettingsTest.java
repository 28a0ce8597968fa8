package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunnerSettingsTest {
    static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", "http://127.0.0.1:9/Traffic/Customer/v1.0/service/");
        env.put("SHOPPERTRAK_USERNAME", "user");
        env.put("SHOPPERTRAK_PASSWORD", "pa55-w0rd");
        env.put("S3_BUCKET", "bucket");
        env.put("S3_RESOURCE", "state.json");
        env.put("KINESIS_STREAM_ARN", "arn:aws:kinesis:us-east-1:000000000000:stream/LocationVisits");
        return env;
    }

    @Test
    void appliesThePythonPollersDefaults() {
        RunnerSettings settings = RunnerSettings.from(valid());

        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.retryDelaySeconds()).isEqualTo(300);
        assertThat(settings.kinesisBatchSize()).isEqualTo(500);
        assertThat(settings.apiVersion()).isEqualTo("v1");
        assertThat(settings.continuous()).isFalse();
        assertThat(settings.pollTime()).isEqualTo(LocalTime.of(6, 0));
        assertThat(settings.ignoreCache()).isFalse();
        assertThat(settings.ignoreKinesis()).isFalse();
        assertThat(settings.awsRegion()).isEqualTo("us-east-1");
    }

    @Test
    void theCallDeadlineIsFiveMinutesUnlessSetAndBoundsTheSchemaFetchToo() {
        assertThat(RunnerSettings.from(valid()).callTimeout()).isEqualTo(java.time.Duration.ofMinutes(5));
        Map<String, String> env = valid();
        env.put("SHOPPERTRAK_CALL_TIMEOUT_SECONDS", "7");

        assertThat(RunnerSettings.from(env).callTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void aBadBaseUrlIsNamedWithoutItsUserInfoOrQuery() {
        Map<String, String> env = valid();
        env.put("SHOPPERTRAK_API_BASE_URL", "https://svc-user:svc-secret@stws.example/v2.0?key=abc");

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SHOPPERTRAK_API_BASE_URL").satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("svc-secret").doesNotContain("svc-user").doesNotContain("abc"));
    }

    @Test
    void acceptsBooleansInAnyCaseAndEndDateAlias() {
        Map<String, String> env = valid();
        env.put("IGNORE_CACHE", "TRUE");
        env.put("IGNORE_KINESIS", "False");
        env.put("LAST_POLL_DATE", "2024-03-01");
        env.put("END_DATE", "2024-03-05");

        RunnerSettings settings = RunnerSettings.from(env);

        assertThat(settings.ignoreCache()).isTrue();
        assertThat(settings.ignoreKinesis()).isFalse();
        assertThat(settings.lastEndDate()).contains(LocalDate.parse("2024-03-05"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "MAX_RETRIES|zero|MAX_RETRIES must be a whole number from 1 to 100",
        "MAX_RETRIES|0|MAX_RETRIES must be a whole number from 1 to 100",
        "RETRY_DELAY_SECONDS|-1|RETRY_DELAY_SECONDS must be a whole number from 0 to 86400",
        "KINESIS_BATCH_SIZE|501|KINESIS_BATCH_SIZE must be a whole number from 1 to 500",
        "KINESIS_BATCH_SIZE|0|KINESIS_BATCH_SIZE must be a whole number from 1 to 500",
        "IGNORE_CACHE|yes|IGNORE_CACHE must be true or false",
        "IGNORE_KINESIS|1|IGNORE_KINESIS must be true or false",
        "LAST_POLL_DATE|2024-13-01|LAST_POLL_DATE must be a date as YYYY-MM-DD",
        "LAST_END_DATE|03/25/2024|LAST_END_DATE must be a date as YYYY-MM-DD",
        "SHOPPERTRAK_API_VERSION|v3|SHOPPERTRAK_API_VERSION must be one of v1, v2",
        "RUN_MODE|daily|RUN_MODE must be one of once, continuous",
        "POLL_TIME|6am|POLL_TIME must be a local time as HH:MM",
        "SHOPPERTRAK_API_BASE_URL|http://host/no-slash|SHOPPERTRAK_API_BASE_URL must be an http(s) URL ending with '/'",
        "SHOPPERTRAK_USERNAME|''|SHOPPERTRAK_USERNAME is required",
        "S3_BUCKET|''|S3_BUCKET is required",
        "S3_RESOURCE|''|S3_RESOURCE is required",
        "KINESIS_STREAM_ARN|''|KINESIS_STREAM_ARN is required",
        "LOG_LEVEL|loud|LOG_LEVEL must be one of",
    })
    void eachBadValueGivesAMessageNamingItsVariable(String variable, String value, String message) {
        Map<String, String> env = valid();
        env.put(variable, value);

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> env = valid();
        env.put("MAX_RETRIES", "x");
        env.put("KINESIS_BATCH_SIZE", "1000");
        env.remove("SHOPPERTRAK_PASSWORD");

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(3));
    }

    @Test
    void offsetsCommandsNeedNoShopperTrakSecretsAndFetchNeedsNoAws() {
        Map<String, String> s3Only = Map.of("S3_BUCKET", "bucket", "S3_RESOURCE", "state.json");
        Map<String, String> shopperTrakOnly = Map.of("SHOPPERTRAK_USERNAME", "user", "SHOPPERTRAK_PASSWORD", "pw");

        assertThat(RunnerSettings.from(s3Only, Purpose.OFFSETS).s3Bucket()).isEqualTo("bucket");
        assertThat(RunnerSettings.from(shopperTrakOnly, Purpose.FETCH).shopperTrakUsername()).isEqualTo("user");
        assertThatThrownBy(() -> RunnerSettings.from(shopperTrakOnly, Purpose.OFFSETS))
                .hasMessageContaining("S3_BUCKET is required");
    }

    @Test
    void ignoreCacheNeedsLastPollDate() {
        Map<String, String> env = valid();
        env.put("IGNORE_CACHE", "true");

        assertThatThrownBy(() -> RunnerSettings.from(env)).hasMessageContaining("LAST_POLL_DATE is required");
    }

    @Test
    void endDateBeforeStartIsRefused() {
        Map<String, String> env = valid();
        env.put("LAST_POLL_DATE", "2024-03-05");
        env.put("LAST_END_DATE", "2024-03-01");

        assertThatThrownBy(() -> RunnerSettings.from(env)).hasMessageContaining("must not be before LAST_POLL_DATE");
    }

    @Test
    void neverShowsThePassword() {
        Map<String, String> env = valid();
        env.put("MAX_RETRIES", "bad");

        assertThat(RunnerSettings.from(valid()).toString()).doesNotContain("pa55-w0rd");
        assertThatThrownBy(() -> RunnerSettings.from(env)).satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("pa55-w0rd"));
    }
}
