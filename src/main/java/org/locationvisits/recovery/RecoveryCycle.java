package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.recovery.RecoveryItem;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.shoppertrak.CallGate;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.recovery.RecoveryPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.record.DayRecords;

/**
 * Recovery across a task's life: one pass per New York day, after the daily poll, over the 30 days ending
 * yesterday up to the last day delivered before that poll; the task's own memory of what needs recovery (kept
 * with the offsets, used when no warehouse is configured, always kept so that a warehouse can come and go); the
 * daily call budget; the stale marks of delivered batches; what all passes did.
 */
public final class RecoveryCycle {
    /** The API's limit: ShopperTrak answers for the last 30 days only. */
    static final int DAYS = 30;

    private static final Logger log = LoggerFactory.getLogger(RecoveryCycle.class);

    /**
     * What a task's settings say about recovery.
     *
     * @param dailyCallLimit the task's own daily budget of ShopperTrak calls; 0: none
     * @param schedule       which pending site-days a pass asks again (RECOVERY_SCHEDULE)
     */
    public record Settings(Set<LocalDate> badPollDates, boolean markStale, int dailyCallLimit,
                           RecoverySchedule schedule) { }

    private final RecoveryServices services;
    private final Set<LocalDate> badPollDates;
    private final boolean markStale;
    private final StaleMarks staleMarks = new StaleMarks();
    private final RecoveryMemory memory = new RecoveryMemory();
    private final CallBudget budget;
    private final RecoverySchedule schedule;
    private List<String> sites;
    /** The last day delivered before the daily poll of {@link #pollingDay}: what that day's pass covers at most. */
    private LocalDate deliveredBeforePoll;
    private LocalDate pollingDay;
    private LocalDate ranOn;
    private RecoveryRun pass;
    /** Pending site-days the schedule left out of the last pass planned: left for a later one, as the ones it kept. */
    private int notDue;
    private volatile RecoveryStats done = RecoveryStats.NONE;
    private volatile String failure;
    /** Keys of other parts of the task that ride with the main offset too (the site drift). */
    private java.util.function.Supplier<Map<String, Object>> alsoCarried = Map::of;

    /** @param lastDelivered the last day delivered when the task starts */
    public RecoveryCycle(RecoveryServices services, Settings settings, LocalDate lastDelivered) {
        this.services = services;
        this.badPollDates = settings.badPollDates();
        this.markStale = settings.markStale();
        this.budget = new CallBudget(settings.dailyCallLimit());
        this.schedule = settings.schedule();
        this.deliveredBeforePoll = lastDelivered;
    }

    /** Reads the memory of the window ending yesterday and today's call count back from the stored offsets. */
    public void restore(OffsetStorageReader reader, LocalDate pollDate) {
        Map<String, Object> main = reader.offset(SourceOffsets.PARTITION);
        if (main != null && main.get(RecoveryMemory.ALL_KEY) != null) {
            memory.restoreAll(main.get(RecoveryMemory.ALL_KEY).toString());
        } else {
            // Kept by earlier versions in partitions of their own.
            for (LocalDate day = pollDate.minusDays(DAYS); day.isBefore(pollDate); day = day.plusDays(1)) {
                memory.restore(day, reader.offset(RecoveryMemory.partition(day)));
            }
        }
        if (!budget.restoreFromMain(main)) {
            budget.restore(reader.offset(CallBudget.PARTITION));
        }
    }

    /**
     * The keys the main offset carries beside {@code last_poll_date} and a position: the whole memory and today's
     * call count, as they stand now.
     */
    public Map<String, Object> state(LocalDate today) {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put(RecoveryMemory.ALL_KEY, memory.snapshot(today.minusDays(DAYS)));
        budget.putInto(keys, today);
        keys.putAll(alsoCarried.get());
        return keys;
    }

    /** Makes every state this cycle hands out ({@link #state}) carry {@code keys} as they stand then. */
    public void carryAlso(java.util.function.Supplier<Map<String, Object>> keys) {
        alsoCarried = keys;
    }

    /** The all-sites list as this pass reads it (empty: none configured, or unreadable). */
    public List<String> listedSites() {
        return sites();
    }

    /** The ledger recovery plans from: the warehouse when configured, else the task's own memory. */
    public RecoveryLedger ledger() {
        return services.ledger().orElse(memory);
    }

    /**
     * Remembers what a polled day leaves to recover; returns the state its records carry (see {@link #state}).
     * Storing a day's memory before its rows are all delivered is harmless: recovery plans only days delivered.
     *
     * @param delivered the rows delivered before a restart inside the day (none without a restart)
     */
    public Map<String, Object> dayPolled(LocalDate day, List<TrafficRow> rows, LocalDate today,
                                  java.util.function.Predicate<TrafficRow> delivered) {
        memory.rememberResumedDay(day, rows, sites(), delivered);
        return state(today);
    }

    /** Today's call count as keys of the main offset, as it stands now. */
    public Map<String, Object> calls(LocalDate today) {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        budget.putInto(keys, today);
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** The sites the memory lists as missing on a day: a restart inside it must send them, whatever their key. */
    public java.util.Set<String> missingOn(LocalDate day) {
        return memory.missingOn(day);
    }

    /** ShopperTrak calls counted on {@code today} so far (as restored, plus what this task spent). */
    public int callsMade(LocalDate today) {
        return budget.used(today);
    }

    public void spent(LocalDate today, int calls) {
        budget.spent(today, calls);
    }

    /** Whether one more call fits today's daily call limit. */
    public boolean allowsCall(LocalDate today) {
        return budget.allows(today);
    }

    /**
     * What a request of the daily poll asks before each of its calls, retries included; {@code today} is read at
     * each call.
     */
    public CallGate callGate(Supplier<LocalDate> today) {
        return budget.gate(today);
    }

    public String budgetLine(LocalDate today) {
        return budget.describe(today);
    }

    /**
     * The task looks at {@code pollDate} with {@code lastEmitted} delivered: on a new New York day, that is what the
     * day's pass covers, whenever the pass runs (early, after a failed daily poll, or once caught up).
     */
    public void polling(LocalDate pollDate, LocalDate lastEmitted) {
        if (!pollDate.equals(pollingDay)) {
            pollingDay = pollDate;
            deliveredBeforePoll = lastEmitted;
        }
    }

    /** Whether a pass is due: none ran on {@code pollDate} yet. */
    public boolean due(LocalDate pollDate) {
        return !pollDate.equals(ranOn);
    }

    /** The all-sites list, read once per pass; none when it cannot be read (missing sites are then not known). */
    private List<String> sites() {
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

    public boolean active() {
        return pass != null;
    }

    /** The days a pass covers, both ends inclusive; empty when {@code to} is before {@code from}. */
    public record Window(LocalDate from, LocalDate to) { }

    /**
     * The window of {@code pollDate}'s pass: the 30 days ending yesterday, through the last day delivered before
     * that day's poll (see {@link #polling}).
     */
    public Window window(LocalDate pollDate) {
        LocalDate yesterday = pollDate.minusDays(1);
        return new Window(yesterday.minusDays(DAYS - 1),
                deliveredBeforePoll.isBefore(yesterday) ? deliveredBeforePoll : yesterday);
    }

    /**
     * What a pass on {@code pollDate} re-queries, as {@link #start} plans it (RECOVERY_SCHEDULE included), without
     * starting it: no ShopperTrak call, nothing written (for {@code plan}).
     *
     * @throws RuntimeException when the ledger cannot be read
     */
    public List<RecoveryItem> plan(LocalDate pollDate) {
        Window window = window(pollDate);
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

    /**
     * Plans a pass for the New York day {@code today} gives now; a plan that cannot be made is a failure of this pass.
     * The pass reads {@code today} again at each request, to count its calls against the day they are made on.
     */
    public void start(Supplier<LocalDate> today) {
        LocalDate pollDate = today.get();
        Window window = window(pollDate);
        LocalDate from = window.from();
        LocalDate to = window.to();
        ranOn = pollDate;
        failure = null;
        sites = null;
        memory.forgetBefore(from);
        List<RecoveryItem> items;
        try {
            items = plan(pollDate);
        } catch (RuntimeException e) {
            failure = "recovery could not be planned: " + e.getMessage();
            log.error("Recovery skipped: {}", failure);
            return;
        }
        long missing = items.stream().filter(i -> i.kind() == RecoveryItem.Kind.MISSING).count();
        if (items.isEmpty()) {
            log.info("Recovery from {} through {} ({}): nothing to re-query", from, to, source());
            RecoveryStats before = done;
            done = new RecoveryStats(before.siteDaysRequeried(), before.rowsRecovered(), 0, before.apiCalls(), notDue);
            return;
        }
        log.info("Recovery from {} through {} ({}): {} unhealthy and {} missing site-day(s) to re-query", from, to,
                source(), items.size() - missing, missing);
        pass = new RecoveryRun(items, new RecoveryRun.Parts(ledger(), memory, services.shopperTrak(),
                services.dataLake().orElse(null), badPollDates, staleMarks, budget, schedule, this::state),
                today);
    }

    /**
     * The next site-day's records (maybe none), or null once the pass is over.
     *
     * @param standing the main offset's own keys as they stand (a position inside the next day included), which
     *                 recovered records carry: recovery never moves the offset, nor loses a position
     */
    public List<SourceRecord> next(DayRecords records, Map<String, ?> standing) {
        if (pass.hasNext()) {
            return pass.next(records, standing);
        }
        RecoveryStats finished = pass.stats();
        RecoveryStats before = done;
        done = new RecoveryStats(before.siteDaysRequeried() + finished.siteDaysRequeried(),
                before.rowsRecovered() + finished.rowsRecovered(), 0, before.apiCalls() + finished.apiCalls(),
                finished.siteDaysLeft() + notDue);
        failure = pass.failure();
        log.info("Recovery done: {} site-day(s) re-queried, {} row(s) recovered, {} API call(s), {} left",
                finished.siteDaysRequeried(), finished.rowsRecovered(), finished.apiCalls(),
                finished.siteDaysLeft() + notDue);
        pass = null;
        return null;
    }

    private String source() {
        return services.ledger().isPresent() ? "the warehouse" : "the task's own memory";
    }

    /** A record was delivered (any thread). */
    public void delivered(SourceRecord record) {
        staleMarks.delivered(record);
    }

    /** A record was dropped by the worker instead of delivered (any thread). */
    public void dropped(SourceRecord record) {
        staleMarks.dropped(record);
    }

    /** Marks the rows replaced by delivered batches stale (the task's threads only). */
    public void flushStaleMarks() {
        staleMarks.flush(ledger(), markStale);
    }

    public RecoveryStats stats() {
        RecoveryStats s = done;
        return new RecoveryStats(s.siteDaysRequeried(), s.rowsRecovered(), staleMarks.marked(), s.apiCalls(),
                s.siteDaysLeft());
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
