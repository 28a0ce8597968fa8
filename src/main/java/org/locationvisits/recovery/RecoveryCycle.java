package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.record.DayRecords;
import org.locationvisits.shoppertrak.CallGate;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * Recovery across a task's life, the one face other packages see: one pass per New York day, after the daily poll,
 * over the 30 days ending yesterday up to the last day delivered before that poll (planned by {@link PassPlanner},
 * run and summed by {@link PassRunner}); the task's own memory of what needs recovery and the daily call budget,
 * kept with the offsets ({@link CycleState}; the memory is used when no warehouse is configured, always kept so
 * that a warehouse can come and go); the stale marks of delivered batches.
 */
public final class RecoveryCycle {
    /** The API's limit: ShopperTrak answers for the last 30 days only. */
    static final int DAYS = 30;

    /**
     * What a task's settings say about recovery.
     *
     * @param dailyCallLimit the task's own daily budget of ShopperTrak calls; 0: none
     * @param schedule       which pending site-days a pass asks again (RECOVERY_SCHEDULE)
     */
    public record Settings(Set<LocalDate> badPollDates, boolean markStale, int dailyCallLimit,
                           RecoverySchedule schedule) { }

    private final boolean markStale;
    private final StaleMarks staleMarks = new StaleMarks();
    private final CycleState kept;
    private final PassPlanner planner;
    private final PassRunner runner;

    /** @param lastDelivered the last day delivered when the task starts */
    public RecoveryCycle(RecoveryServices services, Settings settings, LocalDate lastDelivered) {
        this.markStale = settings.markStale();
        this.kept = new CycleState(settings.dailyCallLimit());
        this.planner = new PassPlanner(services, kept.memory(), settings.schedule(), lastDelivered);
        this.runner = new PassRunner(services, planner, kept, settings.badPollDates(), staleMarks,
                settings.schedule());
    }

    /** Reads the memory of the window ending yesterday and today's call count back from the stored offsets. */
    public void restore(OffsetStorageReader reader, LocalDate pollDate) {
        kept.restore(reader, pollDate);
    }

    /**
     * The keys the main offset carries beside {@code last_poll_date} and a position: the whole memory and today's
     * call count, as they stand now.
     */
    public Map<String, Object> state(LocalDate today) {
        return kept.state(today);
    }

    /** Makes every state this cycle hands out ({@link #state}) carry {@code keys} as they stand then. */
    public void carryAlso(Supplier<Map<String, Object>> keys) {
        kept.carryAlso(keys);
    }

    /** The all-sites list as this pass reads it (empty: none configured, or unreadable). */
    public List<String> listedSites() {
        return planner.sites();
    }

    /** The ledger recovery plans from: the warehouse when configured, else the task's own memory. */
    public RecoveryLedger ledger() {
        return planner.ledger();
    }

    /**
     * Remembers what a polled day leaves to recover; returns the state its records carry (see {@link #state}).
     * Storing a day's memory before its rows are all delivered is harmless: recovery plans only days delivered.
     *
     * @param delivered the rows delivered before a restart inside the day (none without a restart)
     */
    public Map<String, Object> dayPolled(LocalDate day, List<TrafficRow> rows, LocalDate today,
                                         Predicate<TrafficRow> delivered) {
        return kept.dayPolled(day, rows, planner.sites(), today, delivered);
    }

    /** Today's call count as keys of the main offset, as it stands now. */
    public Map<String, Object> calls(LocalDate today) {
        return kept.calls(today);
    }

    /** The sites the memory lists as missing on a day: a restart inside it must send them, whatever their key. */
    public Set<String> missingOn(LocalDate day) {
        return kept.missingOn(day);
    }

    /** ShopperTrak calls counted on {@code today} so far (as restored, plus what this task spent). */
    public int callsMade(LocalDate today) {
        return kept.callsMade(today);
    }

    public void spent(LocalDate today, int calls) {
        kept.spent(today, calls);
    }

    /** Whether one more call fits today's daily call limit. */
    public boolean allowsCall(LocalDate today) {
        return kept.allowsCall(today);
    }

    /**
     * What a request of the daily poll asks before each of its calls, retries included; {@code today} is read at
     * each call.
     */
    public CallGate callGate(Supplier<LocalDate> today) {
        return kept.callGate(today);
    }

    public String budgetLine(LocalDate today) {
        return kept.budgetLine(today);
    }

    /**
     * The task looks at {@code pollDate} with {@code lastEmitted} delivered: on a new New York day, that is what the
     * day's pass covers, whenever the pass runs (early, after a failed daily poll, or once caught up).
     */
    public void polling(LocalDate pollDate, LocalDate lastEmitted) {
        planner.polling(pollDate, lastEmitted);
    }

    /** Whether a pass is due: none ran on {@code pollDate} yet. */
    public boolean due(LocalDate pollDate) {
        return runner.due(pollDate);
    }

    public boolean active() {
        return runner.active();
    }

    /** The days a pass covers, both ends inclusive; empty when {@code to} is before {@code from}. */
    public record Window(LocalDate from, LocalDate to) { }

    /**
     * The window of {@code pollDate}'s pass: the 30 days ending yesterday, through the last day delivered before
     * that day's poll (see {@link #polling}).
     */
    public Window window(LocalDate pollDate) {
        return planner.window(pollDate);
    }

    /**
     * What a pass on {@code pollDate} re-queries, as {@link #start} plans it (RECOVERY_SCHEDULE included), without
     * starting it: no ShopperTrak call, nothing written (for {@code plan}).
     *
     * @throws RuntimeException when the ledger cannot be read
     */
    public List<RecoveryItem> plan(LocalDate pollDate) {
        return planner.plan(pollDate);
    }

    /**
     * Plans a pass for the New York day {@code today} gives now; a plan that cannot be made is a failure of this pass.
     * The pass reads {@code today} again at each request, to count its calls against the day they are made on.
     */
    public void start(Supplier<LocalDate> today) {
        runner.start(today);
    }

    /**
     * The next site-day's records (maybe none), or null once the pass is over.
     *
     * @param standing the main offset's own keys as they stand (a position inside the next day included), which
     *                 recovered records carry: recovery never moves the offset, nor loses a position
     */
    public List<SourceRecord> next(DayRecords records, Map<String, ?> standing) {
        return runner.next(records, standing);
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
        return runner.stats(staleMarks.marked());
    }

    public Optional<String> failure() {
        return Optional.ofNullable(runner.failure());
    }
}
