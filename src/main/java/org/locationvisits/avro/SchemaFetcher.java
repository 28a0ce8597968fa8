package org.locationvisits.avro;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.locationvisits.common.SafeUrl;
import org.locationvisits.common.RetrySchedule;
import org.locationvisits.common.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the LocationVisits schema from the Platform API at start-up. Server errors and network
 * failures are retried with exponential backoff ({@link RetrySchedule}), since the API may be briefly down while we
 * start; a 4xx answer means the URL or access is wrong, so it fails at once. Every request has an overall
 * deadline ({@link #DEFAULT_CALL_TIMEOUT} unless the given client sets one): a server that drips its answer
 * cannot hang the start-up.
 */
public class SchemaFetcher {
    public static final int DEFAULT_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    /** The same deadline as a ShopperTrak call's default (SHOPPERTRAK_CALL_TIMEOUT_SECONDS). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(SchemaFetcher.class);
    private static final int MAX_BACKOFF_DOUBLINGS = 16;

    private final OkHttpClient http;
    private final Sleeper sleeper;
    private final RetrySchedule retry;

    /**
     * @param attempts how many requests to make in all (at least 1)
     * @param backoff the wait after the first failure; it doubles after each further one
     */
    public SchemaFetcher(OkHttpClient http, Sleeper sleeper, int attempts, Duration backoff) {
        this(http, sleeper, policy(attempts, backoff));
    }

    public SchemaFetcher(OkHttpClient http, Sleeper sleeper, RetrySchedule retry) {
        Objects.requireNonNull(http, "http");
        // A client without a deadline (OkHttp's default) gets ours; one that sets its own keeps it.
        this.http = http.callTimeoutMillis() == 0 ? http.newBuilder().callTimeout(DEFAULT_CALL_TIMEOUT).build() : http;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    private static RetrySchedule policy(int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must be zero or positive, was " + backoff);
        }
        return RetrySchedule.exponential(attempts, backoff, MAX_BACKOFF_DOUBLINGS);
    }

    /** A fetcher with {@link #DEFAULT_ATTEMPTS} attempts from {@link #DEFAULT_BACKOFF}, sleeping for real. */
    public SchemaFetcher(OkHttpClient http) {
        this(http, Sleeper.SYSTEM, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
    }

    /** As {@link #SchemaFetcher(OkHttpClient)} with this overall deadline per request (0: none). */
    public SchemaFetcher(OkHttpClient http, Duration callTimeout) {
        // A zero deadline would read as unset and get the default; ten years is none in practice.
        this(http.newBuilder().callTimeout(callTimeout.isZero() ? Duration.ofDays(3650) : callTimeout).build());
    }

    /** For tests: the client requests go through, deadline included. */
    OkHttpClient http() {
        return http;
    }

    /**
     * The schema to encode with: the bundled one when {@code urlOrEmpty} is null or blank,
     * else the one {@code fetcher} gets from that URL.
     */
    public static Schema resolve(String urlOrEmpty, SchemaFetcher fetcher) {
        var bundled = LocationVisitsSchemas.bundledFor(urlOrEmpty);
        if (bundled.isPresent()) {
            log.info("Using the bundled {}-generation LocationVisits schema (fingerprint {})",
                    RecordGeneration.of(bundled.get()).lowerName(), fingerprint(bundled.get()));
            return bundled.get();
        }
        return fetcher.fetch(urlOrEmpty.strip());
    }

    /**
     * GETs {@code url} and parses the Platform API answer.
     *
     * @throws SchemaException when the URL is invalid, the server refuses (4xx), every attempt
     *                         failed, or the answer is not a LocationVisits record schema
     */
    public Schema fetch(String url) {
        HttpUrl httpUrl = url == null ? null : HttpUrl.parse(url);
        if (httpUrl == null) {
            throw new SchemaException("LOCATION_VISITS_SCHEMA_URL is not a valid http(s) URL; set it to the"
                    + " Platform API schema endpoint, or leave it empty to use the bundled schema.");
        }
        String shown = SafeUrl.of(httpUrl);
        Request request = new Request.Builder().url(httpUrl).header("Accept", "application/json").get().build();
        String lastFailure = null;
        for (int attempt = 1; retry.allowsAfter(attempt - 1); attempt++) {
            if (attempt > 1) {
                Duration wait = retry.delayBefore(attempt);
                log.warn("Fetching the LocationVisits schema from {} failed ({}); attempt {} of {} in {} ms",
                        shown, lastFailure, attempt, retry.attempts(), wait.toMillis());
                pause(wait);
            }
            try (Response response = http.newCall(request).execute()) {
                int code = response.code();
                if (response.isSuccessful()) {
                    Schema schema = LocationVisitsSchemas.fromEnvelope(bodyOf(response));
                    log.info("Using the LocationVisits schema from {} (fingerprint {})", shown, fingerprint(schema));
                    return schema;
                }
                if (!retryable(code)) {
                    throw new SchemaException("The schema URL " + shown + " answered HTTP " + code + " "
                            + response.message() + ": " + bodyPreview(response)
                            + ". Check LOCATION_VISITS_SCHEMA_URL (and access to it), or leave it empty"
                            + " to use the bundled schema.");
                }
                lastFailure = "HTTP " + code;
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        throw new SchemaException("Could not fetch the LocationVisits schema from " + shown + " after "
                + retry.attempts() + " attempts (last: " + lastFailure + "). Check that the Platform API is reachable,"
                + " or leave LOCATION_VISITS_SCHEMA_URL empty to use the bundled schema.");
    }

    /** 5xx, plus the two 4xx codes that mean "try again later" rather than "wrong request". */
    private static boolean retryable(int code) {
        return code >= 500 || code == 408 || code == 429;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaException("Interrupted while waiting to fetch the LocationVisits schema again", e);
        }
    }

    private static String bodyOf(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
    }

    /** A short, one-line view of an error answer's body, for the message; never fails. */
    private static String bodyPreview(Response response) {
        String text;
        try {
            text = bodyOf(response);
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** The URL without credentials or query, which may carry tokens, so it can be logged. */
    static String redact(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }

    static String fingerprint(Schema schema) {
        return Long.toHexString(SchemaNormalization.parsingFingerprint64(schema));
    }
}
