package org.locationvisits.shoppertrak;

import java.time.Duration;
import java.util.Objects;

import okhttp3.HttpUrl;

/**
 * How to reach ShopperTrak and how patiently to retry.
 *
 * @param baseUrl        service base URL ending with '/', e.g.
 *                       {@code https://stws.shoppertrak.com/Traffic/Customer/v1.0/service/}
 * @param maxRetries     attempts in all while ShopperTrak answers busy (E108) or down (E000), at least 1
 * @param busyRetryDelay wait between those attempts
 * @param httpAttempts   attempts in all for one request failing at HTTP level (I/O, 5xx, 429)
 * @param httpBackoff    first wait after such a failure; doubles on each further one
 */
public record ShopperTrakSettings(String baseUrl, String username, String password, ApiVersion version,
                                  int maxRetries, Duration busyRetryDelay, int httpAttempts,
                                  Duration httpBackoff, Duration connectTimeout, Duration readTimeout) {
    /** ShopperTrak's production service URL. */
    public static final String PRODUCTION_BASE_URL = "https://stws.shoppertrak.com/Traffic/Customer/v1.0/service/";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_BUSY_RETRY_DELAY = Duration.ofMinutes(5);
    public static final int DEFAULT_HTTP_ATTEMPTS = 3;
    public static final Duration DEFAULT_HTTP_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public ShopperTrakSettings {
        Objects.requireNonNull(baseUrl, "ShopperTrak base URL is required");
        if (!baseUrl.endsWith("/") || HttpUrl.parse(baseUrl) == null) {
            throw new IllegalArgumentException("SHOPPERTRAK_API_BASE_URL must be an http(s) URL ending with '/', got '"
                    + baseUrl + "'");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("ShopperTrak username is required");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("ShopperTrak password is required");
        }
        Objects.requireNonNull(version, "ShopperTrak API version is required");
        if (maxRetries < 1) {
            throw new IllegalArgumentException("maxRetries must be at least 1 (attempts in all), got " + maxRetries);
        }
        if (httpAttempts < 1) {
            throw new IllegalArgumentException("httpAttempts must be at least 1, got " + httpAttempts);
        }
        requireNotNegative(busyRetryDelay, "busyRetryDelay");
        requireNotNegative(httpBackoff, "httpBackoff");
        requireNotNegative(connectTimeout, "connectTimeout");
        requireNotNegative(readTimeout, "readTimeout");
    }

    /** API v1 and the defaults above. */
    public static ShopperTrakSettings defaults(String baseUrl, String username, String password) {
        return new ShopperTrakSettings(baseUrl, username, password, ApiVersion.V1, DEFAULT_MAX_RETRIES,
                DEFAULT_BUSY_RETRY_DELAY, DEFAULT_HTTP_ATTEMPTS, DEFAULT_HTTP_BACKOFF,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public ShopperTrakSettings withVersion(ApiVersion newVersion) {
        return new ShopperTrakSettings(baseUrl, username, password, newVersion, maxRetries, busyRetryDelay,
                httpAttempts, httpBackoff, connectTimeout, readTimeout);
    }

    public ShopperTrakSettings withBusyRetries(int newMaxRetries, Duration newBusyRetryDelay) {
        return new ShopperTrakSettings(baseUrl, username, password, version, newMaxRetries, newBusyRetryDelay,
                httpAttempts, httpBackoff, connectTimeout, readTimeout);
    }

    public ShopperTrakSettings withHttpRetries(int newHttpAttempts, Duration newHttpBackoff) {
        return new ShopperTrakSettings(baseUrl, username, password, version, maxRetries, busyRetryDelay,
                newHttpAttempts, newHttpBackoff, connectTimeout, readTimeout);
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more, got " + d);
        }
    }

    /** The password is masked: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "ShopperTrakSettings[baseUrl=" + baseUrl + ", username=" + username + ", password=****"
                + ", version=" + version + ", maxRetries=" + maxRetries + ", busyRetryDelay=" + busyRetryDelay
                + ", httpAttempts=" + httpAttempts + ", httpBackoff=" + httpBackoff
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
