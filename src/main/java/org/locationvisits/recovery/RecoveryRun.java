package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.recovery.RecoveryItem;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.recovery.RecoverySelection;
import org.locationvisits.shoppertrak.DayResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.locationvisits.record.DayRecords;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.shoppertrak.ShopperTrakApi;

/**
 * One recovery pass: re-queries its site-days one per call of {@link #next}, in order, and registers which warehouse
 * rows each batch replaces with {@link StaleMarks}. An error answer about one site-day (an error code, "no traffic", a
 * malformed or mismatched answer), or a refusal of its one request (an HTTP 4xx other than 401/403/429, an answer
 * over the size cap), is one log line and leaves that site-day pending; the pass goes on, as today's poller does.
 * Only what concerns every request ends the pass: E107, our own daily call limit, busy to the end, no answer after
 * the retries (and 401/403, which stops the task); on a listed bad poll date nothing but E107, the limit and 401/403
 * ends it.
 */
final class RecoveryRun {
    private static final Logger log = LoggerFactory.getLogger(RecoveryRun.class);

    /** What a pass works with. */
    record Parts(RecoveryLedger ledger, RecoveryMemory memory, ShopperTrakApi api, DataLakeArchive dataLake,
                 Set<LocalDate> badPollDates, StaleMarks staleMarks, CallBudget budget, RecoverySchedule schedule,
                 java.util.function.Function<LocalDate, Map<String, Object>> state) { }

    private final Deque<RecoveryItem> items;
    private final Parts parts;
    private final Supplier<LocalDate> today;
    private int left;
    private int requeried;
    private long recovered;
    private int apiCalls;
    /** Site-days that failed on their own (an error answer about them): pending for a later run. */
    private int skipped;
    private String failure;

    /**
     * @param today the New York day now (read at each request: a pass that runs past midnight counts its later calls
     *              against the new day's budget)
     */
    RecoveryRun(List<RecoveryItem> items, Parts parts, Supplier<LocalDate> today) {
        this.items = new ArrayDeque<>(items);
        this.parts = parts;
        this.today = today;
    }

    boolean hasNext() {
        return !items.isEmpty();
    }

    /** Why the pass ended early, or null. */
    String failure() {
        return failure;
    }

    /** Re-queries the next site-day; its records to send, possibly none. */
    List<SourceRecord> next(DayRecords records, Map<String, ?> offset) {
        RecoveryItem item = items.poll();
        // The gate stops the request before any call, retries included, that would pass the daily call limit.
        DayResult result = parts.api().site(item.siteDay().date(), item.siteDay().siteId(),
                parts.budget().gate(today));
        parts.budget().spent(today.get(), result.apiCalls());
        apiCalls += result.apiCalls();
        if (result instanceof DayResult.LimitReached) {
            end(item);
            log.warn("Recovery stopped at the daily call limit ({}; SHOPPERTRAK_DAILY_CALL_LIMIT); {} site-day(s) "
                    + "left for a later run", parts.budget().describe(today.get()), left);
            return List.of();
        }
        requeried++;
        if (result instanceof DayResult.Rows rows) {
            if (parts.dataLake() != null && rows.raw() != null) {
                parts.dataLake().store(item.siteDay().date(), rows.raw());
            }
            return selected(item, rows, records, offset);
        }
        if (result instanceof DayResult.QuotaExceeded) {
            log.warn("ShopperTrak's daily call limit (E107) ended recovery at {}; {} site-day(s) left for a later run;"
                    + " the daily poll's result stands", item.siteDay(), items.size() + 1);
            end(item);
        } else if (result instanceof DayResult.BadCredentials) {
            throw new ConnectException(DayFailure.of(result).reason());
        } else if (DayFailure.byOwnStop(result)) {
            // Our own stop cancelled the request: the pass ends quietly, the site-day stays pending.
            log.debug("Recovery of {} not fetched: the task is stopping", item.siteDay());
            end(item);
        } else if (result instanceof DayResult.SiteError) {
            skipped++; // E101/E104/E110: the client logged it; the site is skipped, as today
        } else if (parts.badPollDates().contains(item.siteDay().date())) {
            // Operators alarm on WARN: nothing about a listed day goes above INFO (as today's poller since v1.2.1).
            skipped++;
            log.info("Recovery of {} failed on a listed bad poll date (BAD_POLL_DATES): {}; skipped", item.siteDay(),
                    DayFailure.of(result).reason());
        } else if (result instanceof DayResult.Failed failed
                && (failed.answered() || failed.cause() == DayResult.Failed.Cause.REFUSED)) {
            // ShopperTrak answered about this one site-day, or refused this one request (HTTP 4xx, an answer over the
            // size cap): the next site-day may well succeed. It stays pending.
            skipped++;
            log.warn("Recovery of {} failed: {}; it stays pending for a later run, recovery goes on", item.siteDay(),
                    DayFailure.of(result).reason());
        } else {
            // Busy to the end, or no answer after the retries: every later request would meet the same.
            stopped(item, DayFailure.of(result).reason());
        }
        return List.of();
    }

    /**
     * Ends the pass at {@code item} for {@code reason}. A WARN, not an ERROR: the daily poll's result stands (a run
     * exits 0) and the site-days stay pending for a later run.
     */
    private void stopped(RecoveryItem item, String reason) {
        failure = "recovery of " + item.siteDay() + " failed: " + reason + "; " + (items.size() + 1)
                + " site-day(s) left for a later run";
        log.warn("Recovery stopped: {}", failure);
        end(item);
    }

    private List<SourceRecord> selected(RecoveryItem item, DayResult.Rows rows, DayRecords records,
                                        Map<String, ?> offset) {
        RecoveryLedger ledger = parts.ledger();
        Map<VisitKey, StoredVisit> fresh;
        try {
            fresh = item.kind() == RecoveryItem.Kind.UNHEALTHY ? ledger.freshRows(item.siteDay()) : Map.of();
        } catch (RuntimeException e) {
            // The warehouse failed: the daily poll's result stands (exit 0); this site-day and the later ones stay
            // pending, nothing of it is sent.
            stopped(item, e.getMessage());
            return List.of();
        }
        RecoverySelection chosen = RecoverySelection.of(item, rows.rows(), fresh, ledger.holdsEveryRow());
        if (parts.schedule() == RecoverySchedule.BACKOFF) {
            // A changed bit stored before its batch is acknowledged only asks sooner. Under daily nothing is kept:
            // the memory stays as before.
            parts.memory().answered(item.siteDay(), !chosen.rows().isEmpty() || chosen.changedHealthy() > 0);
        }
        if (chosen.changedHealthy() > 0) {
            log.warn("{}: {} increment(s) stored healthy now have other counts in ShopperTrak (e.g. {}); not sent",
                    item.siteDay(), chosen.changedHealthy(), chosen.sampleChanged());
        }
        log.info("Recovery of {} ({}): {} row(s) to send, {} stored row(s) to mark stale", item.siteDay(),
                item.kind().name().toLowerCase(java.util.Locale.ROOT), chosen.rows().size(), chosen.staleIds().size());
        if (chosen.rows().isEmpty()) {
            // Only rows a healthy one already replaces in the warehouse: nothing to wait for.
            parts.staleMarks().after(List.of(), chosen.staleIds());
            return List.of();
        }
        // Whatever the ledger, the task's memory forgets what this batch recovers. Every record but the last carries
        // the memory as it was, so the forgetting is stored only once the whole batch is acknowledged.
        Map<String, Object> before = parts.state().apply(today.get());
        parts.memory().recovered(item, chosen.rows());
        List<SourceRecord> batch = records.recovered(offset, chosen.rows(), before, parts.state().apply(today.get()));
        recovered += batch.size();
        parts.staleMarks().after(batch, chosen.staleIds());
        return batch;
    }

    RecoveryStats stats() {
        return new RecoveryStats(requeried, recovered, 0, apiCalls, left + items.size() + skipped);
    }

    /** Ends the pass; {@code current} and everything after it are left for a later run. */
    private void end(RecoveryItem current) {
        left = items.size() + 1;
        items.clear();
    }
}
