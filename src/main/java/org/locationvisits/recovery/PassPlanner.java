package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a recovery pass: the window of the 30 days ending yesterday through the last day delivered before the
 * day's poll, the all-sites list read once per pass, the ledger to plan from, and RECOVERY_SCHEDULE's filtering
 * with the count of pending site-days it left for later. Kept apart from running passes so that planning can be
 * shown without starting anything (for {@code plan}).
 */
final class PassPlanner {
    private static final Logger log = LoggerFactory.getLogger(RecoveryCycle.class);

    private final RecoveryServices services;
    private final RecoveryMemory memory;
    private final RecoverySchedule schedule;
    private List<String> sites;
    /** The last day delivered before the daily poll of {@link #pollingDay}: what that day's pass covers at most. */
    private LocalDate deliveredBeforePoll;
    private LocalDate pollingDay;
    /** Pending site-days the schedule left out of the last pass planned: left for a later one, as the ones it kept. */
    private int notDue;

    /** @param lastDelivered the last day delivered when the task starts */
    PassPlanner(RecoveryServices services, RecoveryMemory memory, RecoverySchedule schedule, LocalDate lastDelivered) {
        this.services = services;
        this.memory = memory;
        this.schedule = schedule;
        this.deliveredBeforePoll = lastDelivered;
    }

    /** See {@link RecoveryCycle#polling}. */
    void polling(LocalDate pollDate, LocalDate lastEmitted) {
        if (!pollDate.equals(pollingDay)) {
            pollingDay = pollDate;
            deliveredBeforePoll = lastEmitted;
        }
    }

    /** The all-sites list, read once per pass; none when it cannot be read (missing sites are then not known). */
    List<String> sites() {
        if (sites == null) {
            try {
                sites = services.allSites();
            } catch (RuntimeException e) {
                log.error("The all-sites list cannot be read ({}); sites missing from an answer are not known until "
                        + "it can", e.getMessage());
                sites = List.of();
            }
        }
        return sites;
    }

    /** Makes the next pass read the all-sites list again. */
    void forgetSites() {
        sites = null;
    }

    /** The ledger recovery plans from: the warehouse when configured, else the task's own memory. */
    RecoveryLedger ledger() {
        return services.ledger().orElse(memory);
    }

    /** See {@link RecoveryCycle#window}. */
    RecoveryCycle.Window window(LocalDate pollDate) {
        LocalDate yesterday = pollDate.minusDays(1);
        return new RecoveryCycle.Window(yesterday.minusDays(RecoveryCycle.DAYS - 1),
                deliveredBeforePoll.isBefore(yesterday) ? deliveredBeforePoll : yesterday);
    }

    /** See {@link RecoveryCycle#plan}. */
    List<RecoveryItem> plan(LocalDate pollDate) {
        RecoveryCycle.Window window = window(pollDate);
        List<RecoveryItem> pending = RecoveryPlanner.plan(window.from(), window.to(), ledger(), sites(),
                services.calendar());
        List<RecoveryItem> due = schedule.dueOnly(pending, pollDate, memory::changedLastTime);
        notDue = pending.size() - due.size();
        if (due.size() < pending.size()) {
            log.info("Recovery (RECOVERY_SCHEDULE={}): {} pending site-day(s) not due today", schedule.text(),
                    pending.size() - due.size());
        }
        return due;
    }

    /** Pending site-days the schedule left out of the last pass planned. */
    int notDue() {
        return notDue;
    }

    /** Where the plan comes from, for the log. */
    String source() {
        return services.ledger().isPresent() ? "the warehouse" : "the task's own memory";
    }
}
