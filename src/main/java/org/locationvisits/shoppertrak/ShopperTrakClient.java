package org.locationvisits.shoppertrak;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.locationvisits.common.RetrySchedule;
import org.locationvisits.common.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Fetches one day of traffic from ShopperTrak, for all sites or one site, and turns every
 * answer into a {@link DayResult}. Retries what the API documents as temporary (busy, down,
 * HTTP failures) and nothing else, each with its own {@link RetrySchedule}: the daily call quota is strict.
 * Retries are logged here; a day's final outcome is logged once, by the caller that decides what it means
 * (DEBUG here).
 *
 * <p>{@link #close()} stops the client: a call in flight is cancelled and ends as a
 * {@link DayResult.Failed} saying so, without a retry; a wait between retries is not cut short
 * (the {@link Sleeper} decides), but no request follows it.
 */
public final class ShopperTrakClient implements ShopperTrakApi {
    private static final Logger log = LoggerFactory.getLogger(ShopperTrakClient.class);

    /** HTTP failures double their wait up to 2^20 times the first, a cap no real backoff reaches. */
    private static final int MAX_HTTP_BACKOFF_DOUBLINGS = 20;

    private final ShopperTrakSettings settings;
    private final Sleeper sleeper;
    private final RetrySchedule busyRetry;
    private final RetrySchedule httpRetry;
    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String authorization;
    private final AnswerReader reader;

    public ShopperTrakClient(ShopperTrakSettings settings, Sleeper sleeper) {
        this(settings, sleeper, new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .build());
    }

    /** For tests: an own OkHttp client. Its silent connection retries are turned off so apiCalls is exact. */
    public ShopperTrakClient(ShopperTrakSettings settings, Sleeper sleeper, OkHttpClient http) {
        this(settings, sleeper, http, Clock.systemUTC());
    }

    /**
     * For tests: also the clock that stamps kept answers. The client gets its own dispatcher and
     * connection pool, so {@link #close()} never stops calls of whoever built {@code http}.
     */
    public ShopperTrakClient(ShopperTrakSettings settings, Sleeper sleeper, OkHttpClient http, Clock clock) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.busyRetry = RetrySchedule.fixed(settings.maxRetries(), settings.busyRetryDelay());
        this.httpRetry = RetrySchedule.exponential(settings.httpAttempts(), settings.httpBackoff(),
                MAX_HTTP_BACKOFF_DOUBLINGS);
        // callTimeout bounds the whole call, body included: read timeouts alone let a dripping server hang a run.
        this.http = http.newBuilder().retryOnConnectionFailure(false).callTimeout(settings.limits().callTimeout())
                .dispatcher(new Dispatcher()).connectionPool(new ConnectionPool()).build();
        this.baseUrl = HttpUrl.get(ShopperTrakSettings.serviceUrl(settings.baseUrl()));
        this.authorization = Credentials.basic(settings.username(), settings.password(), StandardCharsets.UTF_8);
        this.reader = new AnswerReader(this.http, settings.keepRawAnswers(), settings.limits().maxAnswerBytes(),
                clock);
    }

    /** Every site the account can see, for one day. */
    @Override
    public DayResult allSites(LocalDate date) {
        return allSites(date, CallGate.OPEN);
    }

    /** {@link #allSites(LocalDate)}, each call (retries included) only when {@code gate} allows it. */
    @Override
    public DayResult allSites(LocalDate date, CallGate gate) {
        return fetch(date, null, baseUrl.newBuilder().addPathSegment("allsites"), gate);
    }

    /**
     * One site for one day; the site ID is encoded as today's poller's {@code quote(id)} does
     * ({@code macomb's & co} → {@code macomb%27s%20%26%20co}, {@code /} left as it is): see {@link SitePath}.
     */
    @Override
    public DayResult site(LocalDate date, String siteId) {
        return site(date, siteId, CallGate.OPEN);
    }

    /** {@link #site(LocalDate, String)}, each call (retries included) only when {@code gate} allows it. */
    @Override
    public DayResult site(LocalDate date, String siteId, CallGate gate) {
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment("site");
        // OkHttp resolves "." and ".." segments away; a site called that must reach ShopperTrak as a name.
        if (siteId.equals(".") || siteId.equals("..")) {
            url.addEncodedPathSegment(siteId.replace(".", "%2E"));
        } else {
            url.addEncodedPathSegments(SitePath.quote(siteId));
        }
        return fetch(date, siteId, url, gate);
    }

    private DayResult fetch(LocalDate date, String siteId, HttpUrl.Builder url, CallGate gate) {
        settings.version().queryParameters(date).forEach(url::addQueryParameter);
        Request request = new Request.Builder().url(url.build()).header("Authorization", authorization)
                .header("Accept", "application/xml")
                // As today's poller since v2: no cache between us and ShopperTrak may answer for it.
                .header("Cache-Control", "no-cache").header("Pragma", "no-cache").get().build();
        String what = siteId == null ? "allsites" : "site '" + LogText.escape(siteId) + "'";
        DayLog day = DayLog.of(log, settings.isBadPollDate(date));
        int calls = 0;
        int busy = 0;
        int httpFailures = 0;
        try {
            while (true) {
                if (reader.stopped()) {
                    return stopped(date, what, calls);
                }
                if (!gate.allows(calls)) {
                    log.debug("ShopperTrak {} for {} not asked (again): the daily call limit allows no more calls "
                            + "today", what, date);
                    return new DayResult.LimitReached(date, calls);
                }
                calls++;
                Attempt attempt = reader.attempt(request, date, siteId);
                if (attempt instanceof Attempt.Data data) {
                    data.warnings().log(log, date, settings.isBadPollDate(date));
                    log.debug("ShopperTrak {} for {}: {} rows in {} call(s)", what, date, data.rows().size(), calls);
                    return new DayResult.Rows(date, data.rows(), calls, data.raw());
                } else if (reader.stopped()) {
                    return stopped(date, what, calls);
                } else if (attempt instanceof Attempt.ApiError error) {
                    if (isBusy(error.code()) && busyRetry.allowsAfter(++busy)) {
                        Duration wait = busyRetry.delayBefore(busy + 1);
                        day.warn("ShopperTrak answered {} ({}) for {} {}, attempt {} of {}; retrying in {}",
                                LogText.escape(error.code()), LogText.escape(error.description()), what, date,
                                busy, busyRetry.attempts(), wait);
                        sleeper.sleep(wait);
                        continue;
                    }
                    return apiError(error, date, siteId, what, calls, day);
                } else if (attempt instanceof Attempt.Transient failure && httpRetry.allowsAfter(++httpFailures)) {
                    Duration wait = httpRetry.delayBefore(httpFailures + 1);
                    day.warn("ShopperTrak request for {} {} failed ({}), attempt {} of {}; retrying in {}",
                            what, date, LogText.escape(failure.reason()), httpFailures, httpRetry.attempts(), wait);
                    sleeper.sleep(wait);
                } else if (attempt instanceof Attempt.Transient failure) {
                    return failed(date, "ShopperTrak request for " + what + " failed " + httpFailures
                            + " time(s), last: " + failure.reason(), calls);
                } else if (attempt instanceof Attempt.Fatal fatal) {
                    return fatal.aboutTheDay() ? answered(date, fatal.reason(), calls)
                            : refused(date, fatal.reason(), calls);
                } else if (attempt instanceof Attempt.Unauthorized denied) {
                    log.debug("ShopperTrak refused the credentials of user '{}' (HTTP {}); check the ShopperTrak "
                            + "username and password", settings.username(), denied.status());
                    return new DayResult.BadCredentials(date, denied.status(), calls);
                }
            }
        } catch (InterruptedException e) {
            // Only a stop interrupts a retry's wait (the task's stop, the runner's end): not a failure of the day.
            Thread.currentThread().interrupt();
            return stopped(date, what, calls);
        }
    }

    /**
     * Stops the client: cancels any call in flight (it ends as a failed result, not retried) and
     * releases the HTTP threads and connections. Later calls fail at once. Safe to call twice.
     */
    @Override
    public void close() {
        reader.stop();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** For tests: the client's own OkHttp client, to check that close() released it. */
    OkHttpClient http() {
        return http;
    }

    private static DayResult stopped(LocalDate date, String what, int calls) {
        // Our own close() (a normal end or a stop) cancelled the request: not an error, so DEBUG only.
        log.debug("ShopperTrak client was stopped while fetching {} for {}", what, date);
        return DayResult.Failed.stopped(date, "ShopperTrak client was stopped while fetching " + what + " for "
                + date, calls);
    }

    private static boolean isBusy(String code) {
        return "E108".equals(code) || "E000".equals(code);
    }

    private DayResult apiError(Attempt.ApiError error, LocalDate date, String siteId, String what, int calls,
                               DayLog day) {
        String code = error.code();
        String description = LogText.escape(error.description());
        if (isBusy(code)) {
            log.debug("ShopperTrak still answered {} ({}) for {} {} after {} attempt(s); the day is retried on a "
                    + "later run", code, description, what, date, settings.maxRetries());
            return new DayResult.BusyExhausted(date, code, calls);
        }
        if ("E107".equals(code)) {
            log.debug("ShopperTrak daily API call limit exceeded (E107) for {} {}; polling resumes on a later run",
                    what, date);
            return new DayResult.QuotaExceeded(date, calls);
        }
        if (siteId != null && ("E101".equals(code) || "E104".equals(code) || "E110".equals(code))) {
            if ("E101".equals(code)) {
                day.warn("ShopperTrak does not know site '{}' (E101: {}); skipping it for {}",
                        LogText.escape(siteId), description, date);
            } else {
                day.error("ShopperTrak refused site '{}' ({}: {}); skipping it for {}",
                        LogText.escape(siteId), code, description, date);
            }
            return new DayResult.SiteError(date, siteId, code, error.description(), calls);
        }
        return answered(date, "ShopperTrak answered unexpected error " + LogText.escape(code) + " (" + description
                + ") for " + what, calls);
    }

    /** ShopperTrak answered, and the answer fails the day (unknown error code, malformed or mismatched data). */
    private static DayResult answered(LocalDate date, String reason, int calls) {
        log.debug("ShopperTrak day {} failed: {}", date, reason);
        return new DayResult.Failed(date, reason, calls, true);
    }

    /** This one request was refused (HTTP 4xx) or its answer passed the size cap. */
    private static DayResult refused(LocalDate date, String reason, int calls) {
        log.debug("ShopperTrak day {} failed: {}", date, reason);
        return new DayResult.Failed(date, reason, calls, DayResult.Failed.Cause.REFUSED);
    }

    private static DayResult failed(LocalDate date, String reason, int calls) {
        log.debug("ShopperTrak day {} failed: {}", date, reason);
        return new DayResult.Failed(date, reason, calls);
    }
}
