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

    @Test
    void usesA2024ServiceUrlAsItIs() {
        assertThat(ShopperTrakSettings.serviceUrl(URL)).isEqualTo(URL);
        assertThat(ShopperTrakSettings.serviceUrl("http://127.0.0.1:8080/Traffic/Customer/v2.0/service/"))
                .isEqualTo("http://127.0.0.1:8080/Traffic/Customer/v2.0/service/");
    }

    @Test
    void appendsServiceToTodaysBaseUrlThatEndsWithTheVersion() {
        assertThat(ShopperTrakSettings.serviceUrl("https://stws.shoppertrak.com/Traffic/Customer/v2.0/"))
                .isEqualTo("https://stws.shoppertrak.com/Traffic/Customer/v2.0/service/");
        // Only a whole "service" segment counts as the service path.
        assertThat(ShopperTrakSettings.serviceUrl("https://example.com/myservice/"))
                .isEqualTo("https://example.com/myservice/service/");
        assertThat(ShopperTrakSettings.serviceUrl("https://example.com/"))
                .isEqualTo("https://example.com/service/");
    }

    @Test
    void tellsTheApiVersionFromTheBaseUrl() {
        assertThat(ApiVersion.fromBaseUrl("https://stws.shoppertrak.com/Traffic/Customer/v2.0/")).contains(ApiVersion.V2);
        assertThat(ApiVersion.fromBaseUrl("https://stws.shoppertrak.com/Traffic/Customer/v2/service/"))
                .contains(ApiVersion.V2);
        assertThat(ApiVersion.fromBaseUrl(URL)).contains(ApiVersion.V1);
        assertThat(ApiVersion.fromBaseUrl("https://stws.shoppertrak.com/Traffic/Customer/")).isEmpty();
        assertThat(ApiVersion.fromBaseUrl("https://v2.0.example.com/api/v2.0x/")).isEmpty();
        assertThat(ApiVersion.fromBaseUrl("not a url")).isEmpty();
        assertThat(ApiVersion.fromBaseUrl(null)).isEmpty();
    }

    @Test
    void keepsNoRawAnswersUnlessAskedAndKeepsOtherSettingsWhenAsked() {
        ShopperTrakSettings s = ShopperTrakSettings.defaults(URL, "u", "p").withVersion(ApiVersion.V2);

        assertThat(s.keepRawAnswers()).isFalse();
        assertThat(s.withRawAnswers(true)).isEqualTo(new ShopperTrakSettings(URL, "u", "p", ApiVersion.V2,
                s.maxRetries(), s.busyRetryDelay(), s.httpAttempts(), s.httpBackoff(), s.connectTimeout(),
                s.readTimeout(), true, ShopperTrakSettings.Limits.DEFAULT));
        assertThat(s.withRawAnswers(true).withHttpRetries(5, Duration.ZERO).keepRawAnswers()).isTrue();
    }

    @Test
    void limitsDefaultToAFiveMinuteDeadlineAndSurviveEveryWither() {
        ShopperTrakSettings.Limits limits = new ShopperTrakSettings.Limits(Duration.ofSeconds(7), 1234,
                java.util.Set.of(java.time.LocalDate.of(2024, 3, 10)));
        ShopperTrakSettings s = ShopperTrakSettings.defaults(URL, "u", "p");

        assertThat(s.limits().callTimeout()).isEqualTo(Duration.ofMinutes(5));
        ShopperTrakSettings changed = s.withLimits(limits).withVersion(ApiVersion.V2).withRawAnswers(true)
                .withBusyRetries(2, Duration.ZERO).withHttpRetries(2, Duration.ZERO);
        assertThat(changed.limits()).isEqualTo(limits);
        assertThat(changed.isBadPollDate(java.time.LocalDate.of(2024, 3, 10))).isTrue();
        assertThat(changed.isBadPollDate(java.time.LocalDate.of(2024, 3, 11))).isFalse();
    }

    @Test
    void refusesACapBelowOneByte() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ShopperTrakSettings.Limits(Duration.ZERO, 0,
                java.util.Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAnswerBytes");
    }
}
