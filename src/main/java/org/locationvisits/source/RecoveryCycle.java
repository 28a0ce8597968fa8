package org.locationvisits.source;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.recovery.RecoveryItem;
import org.locationvisits.recovery.RecoveryPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery across a task's life: one pass per New York day, after the daily poll, over the 30 days ending
 * yesterday up to the last day delivered before that poll; the stale marks of delivered batches; what all
 * passes did. Does nothing without a ledger.
 */
final class RecoveryCycle {
    /** The API's limit: ShopperTrak answers for the last 30 days only. */
    static final int DAYS = 30;

    private static final Logger log = LoggerFactory.getLogger(RecoveryCycle.class);

    private final SourceServices services;
    private final Set<LocalDate> badPollDates;
    private final boolean markStale;
    private final StaleMarks staleMarks = new StaleMarks();
    private LocalDate deliveredBeforePoll;
    private LocalDate ranOn;
    private RecoveryRun pass;
    private volatile RecoveryStats done = RecoveryStats.NONE;
    private volatile String failure;

    /** @param lastDelivered the last day delivered when the task starts */
    RecoveryCycle(SourceServices services, SourceConfig config, LocalDate lastDelivered) {
        this.services = services;
        this.badPollDates = config.badPollDates();
        this.markStale = config.markStaleRows();
        this.deliveredBeforePoll = lastDelivered;
    }

    /** Whether a pass is due: a ledger exists and no pass ran on {@code pollDate} yet. */
    boolean due(LocalDate pollDate) {
        return services.ledger().isPresent() && !pollDate.equals(ranOn);
    }

    boolean active() {
        return pass != null;
    }

    /** Plans a pass for {@code pollDate}; a plan that cannot be made is a failure of this pass. */
    void start(LocalDate pollDate) {
        LocalDate yesterday = pollDate.minusDays(1);
        LocalDate from = yesterday.minusDays(DAYS - 1);
        LocalDate to = deliveredBeforePoll.isBefore(yesterday) ? deliveredBeforePoll : yesterday;
        ranOn = pollDate;
        failure = null;
        List<RecoveryItem> items;
        try {
            items = RecoveryPlanner.plan(from, to, services.ledger().orElseThrow(), services.allSites(),
                    services.calendar());
        } catch (RuntimeException e) {
            failure = "recovery could not be planned: " + e.getMessage();
            log.error("Recovery skipped: {}", failure);
            return;
        }
        long missing = items.stream().filter(i -> i.kind() == RecoveryItem.Kind.MISSING).count();
        log.info("Recovery from {} through {}: {} unhealthy and {} missing site-day(s) to re-query", from, to,
                items.size() - missing, missing);
        pass = new RecoveryRun(items, services.ledger().orElseThrow(), services.shopperTrak(),
                services.dataLake().orElse(null), badPollDates, staleMarks);
    }

    /**
     * The next site-day's records (maybe none), or null once the pass is over.
     *
     * @param lastEmitted the offset as it stands, which recovered records carry
     */
    List<SourceRecord> next(DayRecords records, LocalDate lastEmitted) {
        if (pass.hasNext()) {
            return pass.next(records, lastEmitted);
        }
        RecoveryStats finished = pass.stats();
        RecoveryStats before = done;
        done = new RecoveryStats(before.siteDaysRequeried() + finished.siteDaysRequeried(),
                before.rowsRecovered() + finished.rowsRecovered(), 0, before.apiCalls() + finished.apiCalls(),
                finished.siteDaysLeft());
        failure = pass.failure();
        log.info("Recovery done: {} site-day(s) re-queried, {} row(s) recovered, {} API call(s), {} left",
                finished.siteDaysRequeried(), finished.rowsRecovered(), finished.apiCalls(), finished.siteDaysLeft());
        pass = null;
        deliveredBeforePoll = lastEmitted;
        return null;
    }

    /** A record was delivered (any thread). */
    void delivered(SourceRecord record) {
        staleMarks.delivered(record);
    }

    /** Marks the rows replaced by delivered batches stale (the task's threads only). */
    void flushStaleMarks() {
        services.ledger().ifPresent(ledger -> staleMarks.flush(ledger, markStale));
    }

    RecoveryStats stats() {
        RecoveryStats s = done;
        return new RecoveryStats(s.siteDaysRequeried(), s.rowsRecovered(), staleMarks.marked(), s.apiCalls(),
                s.siteDaysLeft());
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
