package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ShopperTrakSettingsTest {
    private static final String URL = "https://stws.shoppertrak.com/Traffic/Customer/v1.0/service/";

    @Test
    void defaultsFollowTheApiDocument() {
        ShopperTrakSettings s = ShopperTrakSettings.defaults(URL, "user", "pw");

        assertThat(s.version()).isEqualTo(ApiVersion.V1);
        assertThat(s.busyRetryDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.httpAttempts()).isEqualTo(3);
        assertThat(s.httpBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxRetries()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void masksThePasswordInToString() {
        String text = ShopperTrakSettings.defaults(URL, "user", "s3cr3t-Pa55").toString();

        assertThat(text).doesNotContain("s3cr3t-Pa55").contains("user").contains("****");
    }

    @Test
    void refusesABaseUrlWithoutTrailingSlash() {
        assertThatThrownBy(() -> ShopperTrakSettings.defaults(URL.substring(0, URL.length() - 1), "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ending with '/'");
    }

    @Test
    void refusesFewerThanOneAttempt() {
        ShopperTrakSettings s = ShopperTrakSettings.defaults(URL, "u", "p");

        assertThatThrownBy(() -> s.withBusyRetries(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withHttpRetries(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsTheQueryOfEachApiVersion() {
        java.time.LocalDate day = java.time.LocalDate.of(2024, 3, 5);

        assertThat(ApiVersion.V1.queryParameters(day)).containsExactly(
                java.util.Map.entry("date", "20240305"), java.util.Map.entry("increment", "15"),
                java.util.Map.entry("total_property", "N"));
        assertThat(ApiVersion.V2.queryParameters(day)).containsExactly(
                java.util.Map.entry("date", "20240305"), java.util.Map.entry("increment", "15"),
                java.util.Map.entry("total_property_only", "false"), java.util.Map.entry("detail", "entrance"));
    }
}
