package org.locationvisits.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarehouseSettingsTest {
    private static WarehouseSettings settings(String database, String sslMode) {
        return new WarehouseSettings("warehouse.example", 5439, database, "loader", "s3cr3t-pw", sslMode);
    }

    @Test
    void jdbcUrlNamesHostPortDatabaseAndSslModeButNoCredentials() {
        assertThat(settings("qa", "verify-full").jdbcUrl())
                .isEqualTo("jdbc:postgresql://warehouse.example:5439/qa?sslmode=verify-full");
    }

    @Test
    void tablesCarryTheDatabaseSuffixExceptInProduction() {
        assertThat(settings("qa", "require").table("location_visits")).isEqualTo("location_visits_qa");
        assertThat(settings("production", "require").table("location_hours_v2")).isEqualTo("location_hours_v2");
    }

    @Test
    void acceptsEveryLibpqSslModeAndRefusesOthersListingThem() {
        for (String mode : WarehouseSettings.SSL_MODES) {
            assertThat(settings("qa", mode).sslMode()).isEqualTo(mode);
        }
        assertThat(settings("qa", " Require ").sslMode()).isEqualTo("require");
        assertThatThrownBy(() -> settings("qa", "true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sslMode 'true'")
                .hasMessageContaining("disable, allow, prefer, require, verify-ca, verify-full");
    }

    @Test
    void refusesDatabaseNamesThatCannotBeATableSuffix() {
        assertThatThrownBy(() -> settings("qa; DROP TABLE x", "require"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits and underscores");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(settings("qa", "require").toString()).doesNotContain("s3cr3t-pw").contains("user=loader");
    }
}
