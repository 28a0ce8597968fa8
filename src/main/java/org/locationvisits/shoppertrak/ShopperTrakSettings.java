package org.locationvisits.shoppertrak;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import okhttp3.HttpUrl;

/**
 * How to reach ShopperTrak and how patiently to retry.
 *
 * @param baseUrl        base URL ending with '/', in either form ShopperTrak's files use (see {@link #serviceUrl}):
 *                       {@code https://stws.shoppertrak.com/Traffic/Customer/v1.0/service/} or
 *                       {@code https://stws.shoppertrak.com/Traffic/Customer/v2.0/}
 * @param maxRetries     attempts in all while ShopperTrak answers busy (E108) or down (E000), at least 1
 * @param busyRetryDelay wait between those attempts
 * @param httpAttempts   attempts in all for one request failing at HTTP level (I/O, 5xx, 429)
 * @param httpBackoff    first wait after such a failure; doubles on each further one
 * @param keepRawAnswers keep every answer that yields rows, gzip-compressed, in {@link DayResult.Rows#raw()}
 *                       (for the data-lake copy); off, nothing extra is buffered
 * @param limits         the overall deadline of a call, the largest answer read, and the listed bad poll days
 */
public record ShopperTrakSettings(String baseUrl, String username, String password, ApiVersion version,
                                  int maxRetries, Duration busyRetryDelay, int httpAttempts,
                                  Duration httpBackoff, Duration connectTimeout, Duration readTimeout,
                                  boolean keepRawAnswers, Limits limits) {
    /** ShopperTrak's production service URL. */
    public static final String PRODUCTION_BASE_URL = "https://stws.shoppertrak.com/Traffic/Customer/v1.0/service/";
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_BUSY_RETRY_DELAY = Duration.ofMinutes(5);
    public static final int DEFAULT_HTTP_ATTEMPTS = 3;
    public static final Duration DEFAULT_HTTP_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** A call's overall deadline: a server dripping a byte every 30 s still cannot hang a run. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The largest answer read: 256 MiB. A 2,000-site v2 day from the simulator (1 to 4 entrances a site)
     * measures 34.5 MB of XML (see ShopperTrakClientLimitsTest), so this is some seven times that.
     */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 256L * 1024 * 1024;

    /**
     * Bounds on one call, and the days whose problems are not alarms.
     *
     * @param callTimeout    overall deadline of one HTTP call, connect to last byte; zero means none
     * @param maxAnswerBytes an answer body longer than this is refused (a failed day, not retried)
     * @param badPollDates   BAD_POLL_DATES: warnings about these days are logged at INFO
     */
    public record Limits(Duration callTimeout, long maxAnswerBytes, Set<LocalDate> badPollDates) {
        public static final Limits DEFAULT = new Limits(DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES, Set.of());

        public Limits {
            requireNotNegative(callTimeout, "callTimeout");
            if (maxAnswerBytes < 1) {
                throw new IllegalArgumentException("maxAnswerBytes must be at least 1, got " + maxAnswerBytes);
            }
            badPollDates = Set.copyOf(Objects.requireNonNull(badPollDates, "badPollDates"));
        }
    }

    public ShopperTrakSettings {
        Objects.requireNonNull(baseUrl, "ShopperTrak base URL is required");
        if (!isBaseUrl(baseUrl)) {
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
        Objects.requireNonNull(limits, "limits");
    }

    /** The one base-URL rule: the service path is appended, so it must be http(s) and end with '/'. */
    public static boolean isBaseUrl(String text) {
        return text != null && text.endsWith("/") && HttpUrl.parse(text) != null;
    }

    /** The version set (v1, v2), else the one the base URL names (/v2.0/ is v2), else v1. */
    public static ApiVersion version(String setting, String baseUrl) {
        if (setting != null && !setting.isBlank()) {
            return ApiVersion.parse(setting);
        }
        return ApiVersion.fromBaseUrl(baseUrl).orElse(ApiVersion.V1);
    }

    /**
     * The most calls one request can take: every busy attempt but the last, every HTTP attempt but the last, and the
     * last one ({@link ShopperTrakClient} counts the two kinds of retry apart). For {@code plan}'s worst case.
     */
    public int mostCallsPerRequest() {
        return maxRetries + httpAttempts - 1;
    }

    /** API v1, answers not kept, and the defaults above. */
    public static ShopperTrakSettings defaults(String baseUrl, String username, String password) {
        return new ShopperTrakSettings(baseUrl, username, password, ApiVersion.V1, DEFAULT_MAX_RETRIES,
                DEFAULT_BUSY_RETRY_DELAY, DEFAULT_HTTP_ATTEMPTS, DEFAULT_HTTP_BACKOFF,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, false, Limits.DEFAULT);
    }

    /**
     * The URL that {@code allsites} and {@code site/{id}} are relative to. The 2024 form already ends
     * with the service path ({@code .../v1.0/service/}) and is used as it is; today's production form
     * ends with the version ({@code .../v2.0/}) and gets {@code service/} appended, as the poller does.
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an http(s) URL
     */
    public static String serviceUrl(String baseUrl) {
        HttpUrl url = HttpUrl.parse(baseUrl == null ? "" : baseUrl);
        if (url == null) {
            throw new IllegalArgumentException("ShopperTrak base URL must be an http(s) URL, got '" + baseUrl + "'");
        }
        List<String> segments = url.pathSegments();
        int last = segments.size() - 1;
        if (segments.get(last).isEmpty() && last > 0 && segments.get(last - 1).equals("service")) {
            return url.toString();
        }
        HttpUrl.Builder builder = url.newBuilder();
        if (segments.get(last).isEmpty()) {
            builder.removePathSegment(last);
        }
        return builder.addPathSegment("service").addPathSegment("").build().toString();
    }

    public ShopperTrakSettings withVersion(ApiVersion newVersion) {
        return new ShopperTrakSettings(baseUrl, username, password, newVersion, maxRetries, busyRetryDelay,
                httpAttempts, httpBackoff, connectTimeout, readTimeout, keepRawAnswers, limits);
    }

    public ShopperTrakSettings withBusyRetries(int newMaxRetries, Duration newBusyRetryDelay) {
        return new ShopperTrakSettings(baseUrl, username, password, version, newMaxRetries, newBusyRetryDelay,
                httpAttempts, httpBackoff, connectTimeout, readTimeout, keepRawAnswers, limits);
    }

    public ShopperTrakSettings withHttpRetries(int newHttpAttempts, Duration newHttpBackoff) {
        return new ShopperTrakSettings(baseUrl, username, password, version, maxRetries, busyRetryDelay,
                newHttpAttempts, newHttpBackoff, connectTimeout, readTimeout, keepRawAnswers, limits);
    }

    /** Whether answers that yield rows come back gzip-compressed in {@link DayResult.Rows#raw()}. */
    public ShopperTrakSettings withRawAnswers(boolean keep) {
        return new ShopperTrakSettings(baseUrl, username, password, version, maxRetries, busyRetryDelay,
                httpAttempts, httpBackoff, connectTimeout, readTimeout, keep, limits);
    }

    /** The same settings with another call deadline, answer cap and list of bad poll days. */
    public ShopperTrakSettings withLimits(Limits newLimits) {
        return new ShopperTrakSettings(baseUrl, username, password, version, maxRetries, busyRetryDelay,
                httpAttempts, httpBackoff, connectTimeout, readTimeout, keepRawAnswers, newLimits);
    }

    /** Whether {@code date} is a listed bad poll day, whose problems are logged at INFO. */
    public boolean isBadPollDate(java.time.LocalDate date) {
        return limits.badPollDates().contains(date);
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
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", keepRawAnswers=" + keepRawAnswers + ", limits=" + limits + "]";
    }
}
