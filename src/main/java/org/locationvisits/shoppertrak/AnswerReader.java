package org.locationvisits.shoppertrak;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Makes one HTTP request and classifies its answer as an {@link Attempt}. Rows are buffered, so a
 * late parse error leaks none. Calls in flight can be cancelled from another thread by {@link #stop}.
 */
final class AnswerReader {
    private final OkHttpClient http;
    private final boolean keepRaw;
    private final long maxAnswerBytes;
    private final Clock clock;
    private final TrafficParser parser = new TrafficParser();
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    AnswerReader(OkHttpClient http, boolean keepRaw, long maxAnswerBytes, Clock clock) {
        this.http = http;
        this.keepRaw = keepRaw;
        this.maxAnswerBytes = maxAnswerBytes;
        this.clock = clock;
    }

    boolean stopped() {
        return stopped;
    }

    /** Cancels every call in flight and every later one. */
    void stop() {
        stopped = true;
        inFlight.forEach(Call::cancel);
    }

    Attempt attempt(Request request, LocalDate date, String siteId) {
        Call call = http.newCall(request);
        inFlight.add(call);
        // Checked after registering: either stop() sees this call, or this sees stop().
        if (stopped) {
            call.cancel();
        }
        try (Response response = call.execute()) {
            return classify(request, response, date, siteId);
        } catch (CappedStream.TooLarge e) {
            return tooLarge(e);
        } catch (IOException e) {
            return new Attempt.Transient(e.toString());
        } finally {
            inFlight.remove(call);
        }
    }

    private Attempt classify(Request request, Response response, LocalDate date, String siteId) throws IOException {
        int status = response.code();
        if (status == 401 || status == 403) {
            return new Attempt.Unauthorized(status);
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Transient("HTTP " + status);
        }
        if (status != 200) {
            return new Attempt.Fatal("HTTP " + status + " from " + request.url().redact()
                    + "; check the ShopperTrak base URL. " + snippet(response), false);
        }
        Instant fetchedAt = clock.instant();
        InputStream in = new CappedStream(response.body().byteStream(), maxAnswerBytes);
        GzipTeeStream tee = keepRaw ? new GzipTeeStream(in) : null;
        FailureRecordingStream body = new FailureRecordingStream(tee == null ? in : tee);
        List<TrafficRow> rows = new ArrayList<>();
        try {
            ParseOutcome outcome = parser.parse(body, date, rows::add);
            if (outcome instanceof ParseOutcome.ApiError error) {
                return new Attempt.ApiError(error.code(), error.description());
            }
            RawAnswer raw = tee == null ? null : new RawAnswer(siteId, fetchedAt, tee.drainAndFinish());
            return new Attempt.Data(rows, ((ParseOutcome.Parsed) outcome).warnings(), raw);
        } catch (TrafficDataException e) {
            if (body.failure() instanceof CappedStream.TooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
            // A connection dropped mid-body shows up as malformed XML; it is a network failure.
            if (body.failure() != null) {
                return new Attempt.Transient(body.failure().toString());
            }
            return new Attempt.Fatal(LogText.escape(e.getMessage()), true);
        }
    }

    /**
     * Not retried (the same answer would come again) and not about the day: ShopperTrak did not fail on it,
     * our cap did, so the offset stays where it is and a listed bad poll date is not skipped for it.
     */
    private static Attempt tooLarge(CappedStream.TooLarge e) {
        return new Attempt.Fatal(e.getMessage(), false);
    }

    private static String snippet(Response response) {
        try {
            // peekBody reads at most this much: an error page cannot fill the heap either.
            String text = LogText.escape(response.peekBody(4096).string().strip());
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        } catch (IOException e) {
            return "";
        }
    }
}
