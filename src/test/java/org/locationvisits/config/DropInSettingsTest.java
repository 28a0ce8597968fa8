package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.runner.Wiring;
import org.locationvisits.source.SourceConfig;

/** The variables of today's Python poller (v1.2.x) and the forms its production file writes them in. */
class DropInSettingsTest {

    @Test
    void todaysBaseUrlFormMeansApiV2WithoutAVersionVariable() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("SHOPPERTRAK_API_BASE_URL", "https://stws.shoppertrak.com/Traffic/Customer/v2.0/");

        RunnerSettings settings = RunnerSettings.from(env);

        assertThat(settings.apiVersion()).isEqualTo("v2");
        assertThat(new SourceConfig(settings.connectorProps()).shopperTrak().version().name()).isEqualTo("V2");
    }

    @Test
    void anExplicitVersionWinsOverTheUrl() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("SHOPPERTRAK_API_BASE_URL", "https://stws.shoppertrak.com/Traffic/Customer/v2.0/");
        env.put("SHOPPERTRAK_API_VERSION", "v1");

        assertThat(RunnerSettings.from(env).apiVersion()).isEqualTo("v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"2026-03-08\", \"2025-11-02\"]", "2026-03-08,2025-11-02", " 2025-11-02 , 2026-03-08 "})
    void badPollDatesAsJsonArrayOrCommaSeparated(String value) {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("BAD_POLL_DATES", value);

        RunnerSettings settings = RunnerSettings.from(env);

        assertThat(settings.recovery().badPollDates())
                .containsExactly(LocalDate.parse("2025-11-02"), LocalDate.parse("2026-03-08"));
        assertThat(new SourceConfig(settings.connectorProps()).badPollDates())
                .containsExactly(LocalDate.parse("2025-11-02"), LocalDate.parse("2026-03-08"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-3-8", "[\"2026-03-08\", 7]", "[2026-03-08", "yesterday"})
    void anythingElseInBadPollDatesIsAnErrorNamingTheVariable(String value) {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("BAD_POLL_DATES", value);

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("BAD_POLL_DATES");
    }

    @Test
    void aYamlListOfBadPollDatesIsAccepted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("production.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "    BAD_POLL_DATES:",
                "        - \"2026-03-08\"",
                "        - 2025-11-02",
                ""));

        RunnerSettings settings = ConfigLoader.load(RunnerSettingsTest.valid(), file, region -> (n, v) -> v);

        assertThat(settings.recovery().badPollDates())
                .containsExactly(LocalDate.parse("2025-11-02"), LocalDate.parse("2026-03-08"));
    }

    @Test
    void aMapIsStillRefusedInTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("production.yaml");
        Files.writeString(file, "PLAINTEXT_VARIABLES:\n    MAX_RETRIES:\n        a: 1\n");

        assertThatThrownBy(() -> ConfigLoader.load(RunnerSettingsTest.valid(), file, region -> (n, v) -> v))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MAX_RETRIES");
    }

    @Test
    void aWarehouseHostNeedsItsNameUserAndPassword() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("REDSHIFT_DB_HOST", "redshift.example.org");

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REDSHIFT_DB_NAME").hasMessageContaining("REDSHIFT_DB_USER")
                .hasMessageContaining("REDSHIFT_DB_PASSWORD");
    }

    @Test
    void warehouseSettingsReachTheConnectorWithDefaultsAndNeverShowThePassword() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("REDSHIFT_DB_HOST", "redshift.example.org");
        env.put("REDSHIFT_DB_NAME", "qa");
        env.put("REDSHIFT_DB_USER", "poller");
        env.put("REDSHIFT_DB_PASSWORD", "s3cret-warehouse");

        RunnerSettings settings = RunnerSettings.from(env);
        var warehouse = new SourceConfig(settings.connectorProps()).warehouse().orElseThrow();

        assertThat(warehouse.port()).isEqualTo(5439);
        assertThat(warehouse.sslMode()).isEqualTo("require");
        assertThat(warehouse.table("location_visits")).isEqualTo("location_visits_qa");
        assertThat(settings.toString()).doesNotContain("s3cret-warehouse").contains("redshift.example.org");
    }

    @Test
    void aBadSslModeListsLibpqsValues() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("REDSHIFT_DB_SSLMODE", "on");

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REDSHIFT_DB_SSLMODE").hasMessageContaining("verify-full");
    }

    @Test
    void ignoreUpdateAndDryRunsNeverMarkRowsStale() {
        Map<String, String> env = RunnerSettingsTest.valid();
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).markStaleRows()).isTrue();

        env.put("IGNORE_UPDATE", "True");
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).markStaleRows()).isFalse();

        env.remove("IGNORE_UPDATE");
        env.put("IGNORE_KINESIS", "true");
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).markStaleRows()).isFalse();
    }

    @Test
    void aDryRunStoresNoDataLakeCopy() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("DATA_LAKE_S3_BUCKET", "lake");
        env.put("DATA_LAKE_S3_PATH", "shoppertrak/");
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).dataLakeBucket()).contains("lake");

        // A copy of answers whose rows were never delivered would be counted by report and re-sent by replay.
        env.put("IGNORE_KINESIS", "true");
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).dataLakeBucket()).isEmpty();
    }

    @Test
    void onceModePollsYesterdayAtOnceWhileContinuousModeWaitsForPollTime() {
        Map<String, String> env = RunnerSettingsTest.valid();
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).waitForPollTime()).isFalse();

        env.put("RUN_MODE", "continuous");
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).waitForPollTime()).isTrue();
    }

    @Test
    void theSchemaUrlIsShownWithoutItsQuery() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("LOCATION_VISITS_SCHEMA_URL", "https://platform.example.org/api/v0.1/current-schemas/LocationVisits"
                + "?token=abc123secret");

        assertThat(RunnerSettings.from(env).toString()).doesNotContain("abc123secret")
                .contains("https://platform.example.org/api/v0.1/current-schemas/LocationVisits");
    }

    @Test
    void theAllSitesListNeedsBucketAndKey() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("ALL_SITES_S3_BUCKET", "shoppertrak-sites");

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALL_SITES_S3_RESOURCE");

        env.put("ALL_SITES_S3_RESOURCE", "site_ids.json");
        assertThat(new SourceConfig(RunnerSettings.from(env).connectorProps()).allSitesList()).get()
                .hasToString("s3://shoppertrak-sites/site_ids.json");
    }

    @Test
    void anUnreachableWarehouseEndsTheRunWithOneClearLineAndNoPassword() {
        Map<String, String> env = RunnerSettingsTest.valid();
        env.put("IGNORE_CACHE", "true");
        env.put("IGNORE_KINESIS", "true");
        env.put("LAST_POLL_DATE", "2026-11-18");
        env.put("REDSHIFT_DB_HOST", "127.0.0.1");
        env.put("REDSHIFT_DB_PORT", "1");
        env.put("REDSHIFT_DB_NAME", "production");
        env.put("REDSHIFT_DB_USER", "poller");
        env.put("REDSHIFT_DB_PASSWORD", "s3cret-warehouse");
        env.put("REDSHIFT_DB_SSLMODE", "disable");

        RunSummary summary = Wiring.runner(RunnerSettings.from(env), Wiring.Aws.of(null, null)).run();

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.stoppedBecause()).get().asString().contains("127.0.0.1:1")
                .doesNotContain("s3cret-warehouse");
    }
}
