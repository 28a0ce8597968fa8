package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.record.DayRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs recovery passes across days: at most one pass per New York day, planned by {@link PassPlanner}, run site-day
 * by site-day, summed in a {@link PassTally}; keeps the last pass's failure. Kept apart from planning and from the
 * state stored with the offsets so that the life of a pass reads in one place.
 */
final class PassRunner {
    private static final Logger log = LoggerFactory.getLogger(RecoveryCycle.class);

    private final RecoveryServices services;
    private final PassPlanner planner;
    private final CycleState kept;
    private final Set<LocalDate> badPollDates;
    private final StaleMarks staleMarks;
    private final RecoverySchedule schedule;
    private final PassTally tally = new PassTally();
    private LocalDate ranOn;
    private RecoveryRun pass;
    private volatile String failure;

    PassRunner(RecoveryServices services, PassPlanner planner, CycleState kept, Set<LocalDate> badPollDates,
               StaleMarks staleMarks, RecoverySchedule schedule) {
        this.services = services;
        this.planner = planner;
        this.kept = kept;
        this.badPollDates = badPollDates;
        this.staleMarks = staleMarks;
        this.schedule = schedule;
    }

    /** See {@link RecoveryCycle#due}. */
    boolean due(LocalDate pollDate) {
        return !pollDate.equals(ranOn);
    }

    boolean active() {
        return pass != null;
    }

    /** See {@link RecoveryCycle#start}. */
    void start(Supplier<LocalDate> today) {
        LocalDate pollDate = today.get();
        RecoveryCycle.Window window = planner.window(pollDate);
        LocalDate from = window.from();
        LocalDate to = window.to();
        ranOn = pollDate;
        failure = null;
        planner.forgetSites();
        kept.memory().forgetBefore(from);
        List<RecoveryItem> items;
        try {
            items = planner.plan(pollDate);
        } catch (RuntimeException e) {
            failure = "recovery could not be planned: " + e.getMessage();
            log.error("Recovery skipped: {}", failure);
            return;
        }
        long missing = items.stream().filter(i -> i.kind() == RecoveryItem.Kind.MISSING).count();
        if (items.isEmpty()) {
            log.info("Recovery from {} through {} ({}): nothing to re-query", from, to, planner.source());
            tally.nothingToDo(planner.notDue());
            return;
        }
        log.info("Recovery from {} through {} ({}): {} unhealthy and {} missing site-day(s) to re-query", from, to,
                planner.source(), items.size() - missing, missing);
        pass = new RecoveryRun(items, new RecoveryRun.Parts(planner.ledger(), kept.memory(), services.shopperTrak(),
                services.dataLake().orElse(null), badPollDates, staleMarks, kept.budget(), schedule, kept::state),
                today);
    }

    /** See {@link RecoveryCycle#next}. */
    List<SourceRecord> next(DayRecords records, Map<String, ?> standing) {
        if (pass.hasNext()) {
            return pass.next(records, standing);
        }
        RecoveryStats finished = pass.stats();
        tally.passDone(finished, planner.notDue());
        failure = pass.failure();
        log.info("Recovery done: {} site-day(s) re-queried, {} row(s) recovered, {} API call(s), {} left",
                finished.siteDaysRequeried(), finished.rowsRecovered(), finished.apiCalls(),
                finished.siteDaysLeft() + planner.notDue());
        pass = null;
        return null;
    }

    /** What all passes did, with {@code marked} rows marked stale. */
    RecoveryStats stats(long marked) {
        return tally.stats(marked);
    }

    /** Why the last pass failed, if it did (null: it did not). */
    String failure() {
        return failure;
    }
}
