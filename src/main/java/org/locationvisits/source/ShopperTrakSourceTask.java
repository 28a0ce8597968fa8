package org.locationvisits.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.locationvisits.Version;
import org.locationvisits.common.Sleeper;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.common.AwsClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls ShopperTrak day by day, from the day after the committed {@code last_poll_date} through the end date
 * (yesterday in New York unless configured), and hands out each day's rows as one batch.
 * A day that fails emits nothing; the task tries it again later and never skips it, unless it is a listed bad
 * poll date. Once caught up, a recovery pass (when a ledger is configured) re-queries the unhealthy and missing
 * site-days of the last 30 days, one site-day per batch, without moving the offset.
 */
public class ShopperTrakSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(ShopperTrakSourceTask.class);
    /** Longest time poll() blocks, so the worker can stop, commit and rebalance. */
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);

    /** What the task is doing; the embedded runner reads it to decide when a run ends. */
    public enum Status { WORKING, CAUGHT_UP, WAITING_AFTER_FAILURE }

    private final Clock clock;
    private final ServicesFactory servicesFactory;
    private final CountDownLatch stopping = new CountDownLatch(1);

    private SourceConfig config;
    private final AtomicInteger dailyApiCalls = new AtomicInteger();
    private SourceServices services;
    private PollSchedule schedule;
    private RecoveryCycle recovery;
    private MissingDataRule missingRule;
    private Set<LocalDate> badPollDates;
    private LocalDate lastEmitted;
    private Optional<DayPosition> resumeAfter = Optional.empty();
    private final AtomicReference<Map<Map<String, ?>, Map<String, ?>>> dayWithoutRecords = new AtomicReference<>();
    private TaskMetrics metrics;
    private Instant waitUntil = Instant.MIN;
    private volatile Status status = Status.WORKING;
    private volatile DayFailure lastFailure;
    private volatile DayStats lastDay;

    /** See {@link PollSchedule#CLOCK_PROPERTY}. */
    public static final String CLOCK_PROPERTY = PollSchedule.CLOCK_PROPERTY;

    public ShopperTrakSourceTask() {
        this((config, sleeper) -> new ConfiguredServices(config, sleeper, () -> AwsClients.s3(config.awsRegion()),
                null), PollSchedule.clockFromProperty());
    }

    /** Only the all-sites endpoint through {@code fetcherFactory}: first-generation records, no recovery. */
    public ShopperTrakSourceTask(Clock clock, BiFunction<SourceConfig, Sleeper, DayFetcher> fetcherFactory) {
        this((config, sleeper) -> SimpleServices.of(ShopperTrakApi.allSitesOnly(fetcherFactory.apply(config, sleeper))),
                clock);
    }

    public ShopperTrakSourceTask(ServicesFactory servicesFactory, Clock clock) {
        this.clock = clock;
        this.servicesFactory = servicesFactory;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SourceConfig(props);
        services = servicesFactory.create(config, this::waitOrStop);
        missingRule = new MissingDataRule(services.calendar());
        badPollDates = config.badPollDates();
        Map<String, Object> stored = context.offsetStorageReader().offset(SourceOffsets.PARTITION);
        LocalDate committed = SourceOffsets.lastPollDate(stored);
        schedule = new PollSchedule(clock, config);
        String impossible = SourceOffsets.problemWithStored(committed, schedule.pollDate().minusDays(1));
        if (impossible != null) {
            throw new ConnectException(impossible);
        }
        resumeAfter = stored == null ? Optional.empty() : DayPosition.of(stored);
        lastEmitted = Optional.ofNullable(committed).or(config::initialLastPollDate).orElseThrow(() ->
                new ConnectException("No offset is stored yet and " + SourceConfig.INITIAL_DATE_CONFIG
                        + " (LAST_POLL_DATE) is empty: set it to the last day already delivered, as YYYY-MM-DD"));
        recovery = new RecoveryCycle(services, config, lastEmitted);
        recovery.restore(context.offsetStorageReader(), schedule.pollDate());
        metrics = TaskMetrics.register(context, this);
        log.info("Starting after last_poll_date {} ({}), polling through {}{}", lastEmitted,
                committed != null ? "stored offset" : "initial date setting",
                config.endDate().map(LocalDate::toString).orElse("yesterday, every day"),
                resumeAfter.map(p -> "; resuming " + p).orElse(""));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            throw new InterruptedException("task is stopping");
        }
        recovery.flushStaleMarks();
        metrics.retryPending();
        Instant now = schedule.now();
        if (now.isBefore(waitUntil)) {
            waitOrStop(minimum(Duration.between(now, waitUntil), MAX_POLL_WAIT));
            return null;
        }
        if (recovery.active()) {
            List<SourceRecord> recovered = recoverNext();
            if (recovered != null || recovery.active()) {
                return recovered;
            }
        }
        LocalDate day = lastEmitted.plusDays(1);
        if (day.isAfter(schedule.lastDayToPoll())) {
            if (recovery.due(schedule.pollDate())) {
                status = Status.WORKING;
                recovery.start(schedule.pollDate());
                if (recovery.active()) {
                    return null;
                }
            }
            caughtUp(now);
            return null;
        }
        status = Status.WORKING;
        long started = System.nanoTime();
        DayResult result = services.shopperTrak().allSites(day);
        dailyApiCalls.addAndGet(result.apiCalls());
        recovery.spent(schedule.pollDate(), result.apiCalls());
        if (!(result instanceof DayResult.Rows rows)) {
            DayFailure failure = DayFailure.of(result);
            if (badPollDates.contains(day) && DayFailure.failsOnTheDay(result)) {
                log.warn("Day {} is a listed bad poll date (BAD_POLL_DATES) and ShopperTrak failed on it: {}. Skipped "
                        + "once every day before it is delivered", day, failure.reason());
                dealtWithoutRecords(day);
                return null;
            }
            failed(failure, now);
            return null;
        }
        archive(day, rows);
        lastDay = DayStats.of(rows, Duration.ofNanos(System.nanoTime() - started));
        metrics.dayEmitted(lastDay);
        Optional<DayPosition> resume = resumeAfter.filter(p -> p.day().equals(day));
        PlacedDay placed = new PlacedDay(day, rows.rows(), resume,
                resume.isPresent() ? recovery.missingOn(day) : Set.of());
        List<SourceRecord> records = dayRecords().day(day, placed.unsent(),
                recovery.dayPolled(day, rows.rows(), schedule.pollDate(), placed::sentBefore));
        resumeAfter = Optional.empty();
        lastFailure = null;
        if (records.isEmpty()) {
            dealtWithoutRecords(day);
            return null;
        }
        lastEmitted = day;
        commitTransactionAfter(records);
        log.debug("Fetched {}: {} rows, {}% healthy, {} API call(s), {} s", day, lastDay.rows(),
                String.format("%.1f", lastDay.healthyShare() * 100), lastDay.apiCalls(),
                String.format("%.1f", lastDay.fetchTime().toMillis() / 1000.0));
        return records;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        // A worker passes no metadata for a record it dropped (a filter, errors.tolerance=all): not delivered.
        if (metadata == null) {
            recovery.dropped(record);
        } else {
            recovery.delivered(record);
        }
    }

    @Override
    public void commit() throws InterruptedException {
        recovery.flushStaleMarks();
    }

    @Override
    public void stop() {
        stopping.countDown();
        if (services != null) {
            services.close();
        }
    }

    /** The last day handed out or dealt with without records: every day up to it is polled. */
    public LocalDate lastEmittedDay() {
        return lastEmitted;
    }

    /**
     * The offsets of the last day dealt with that had no records to hand out (a listed bad poll date ShopperTrak
     * failed on, an empty answer, or the rest of a day delivered before a restart), once: a runtime that can store
     * offsets without records (the embedded runner) commits them in order with the days around it. A Connect
     * worker cannot; there the next day's records carry the day as their {@code last_poll_date}.
     */
    public Optional<Map<Map<String, ?>, Map<String, ?>>> takeDayWithoutRecords() {
        return Optional.ofNullable(dayWithoutRecords.getAndSet(null));
    }

    /** ShopperTrak calls of the daily polls since start, failed and skipped days included (recovery's apart). */
    public int dailyApiCalls() {
        return dailyApiCalls.get();
    }


    /** What recovery did since the task started. */
    public RecoveryStats recoveryStats() {
        return recovery == null ? RecoveryStats.NONE : recovery.stats();
    }

    /** Today in New York, by the task's clock. */
    public LocalDate today() {
        return schedule == null ? null : schedule.pollDate();
    }

    /**
     * Today's call count as keys of the main offset ({@code calls_day}, {@code calls}): calls that brought no record
     * (a failed day, recovery answers with nothing to send) are stored by a runtime that can store offsets without
     * records. Counting only rises within a day, so storing it early loses nothing.
     */
    public Map<String, Object> callCount() {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        if (recovery != null && schedule != null) {
            recovery.putCalls(keys, schedule.pollDate());
        }
        return keys;
    }

    /** Today's ShopperTrak calls and the daily budget, for the run's last line. */
    public String callsToday() {
        return recovery == null || schedule == null ? "" : recovery.budgetLine(schedule.pollDate());
    }

    /** Why the last recovery pass stopped early, if it did for a reason other than E107. */
    public Optional<String> recoveryFailure() {
        return recovery == null ? Optional.empty() : recovery.failure();
    }

    public Status status() {
        return status;
    }

    public Optional<DayFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public Optional<DayStats> lastDay() {
        return Optional.ofNullable(lastDay);
    }

    private List<SourceRecord> recoverNext() {
        status = Status.WORKING;
        List<SourceRecord> records = recovery.next(dayRecords(), lastEmitted);
        if (records == null || records.isEmpty()) {
            return null;
        }
        lastDay = new DayStats(lastEmitted, records.size(), 0, 0, Duration.ZERO, true);
        commitTransactionAfter(records);
        return records;
    }

    private void dealtWithoutRecords(LocalDate day) {
        lastEmitted = day;
        dayWithoutRecords.set(Map.of(SourceOffsets.PARTITION,
                DayRecords.dayWithoutRecords(day, recovery.state(schedule.pollDate()))));
    }

    private void archive(LocalDate day, DayResult.Rows rows) {
        if (rows.raw() != null) {
            services.dataLake().ifPresent(lake -> lake.store(day, rows.raw()));
        }
    }

    private DayRecords dayRecords() {
        return new DayRecords(schedule.pollDate(), config.topic(), services.generation(), missingRule);
    }

    private void commitTransactionAfter(List<SourceRecord> records) {
        TransactionContext transactions = context.transactionContext();
        if (transactions != null && !records.isEmpty()) {
            // Exactly-once mode: a day's rows and that day's offset form one transaction; so does a recovered
            // site-day, whose offset is the one already committed.
            transactions.commitTransaction(records.get(records.size() - 1));
        }
    }

    private void caughtUp(Instant now) {
        if (status != Status.CAUGHT_UP) {
            log.info("Caught up: every day through {} is emitted", lastEmitted);
        }
        status = Status.CAUGHT_UP;
        waitUntil = config.endDate().isPresent() ? now.plus(MAX_POLL_WAIT) : schedule.nextPollTime(now);
    }

    private void failed(DayFailure failure, Instant now) {
        lastFailure = failure;
        status = Status.WAITING_AFTER_FAILURE;
        if (failure.fatal()) {
            throw new ConnectException(failure.reason());
        }
        waitUntil = failure.waitForNextPollTime() ? schedule.nextPollTime(now) : now.plus(config.failedDayRetry());
        log.error("Day {} not emitted: {}. Last emitted day stays {}; a running task tries again at {}",
                failure.day(), failure.reason(), lastEmitted, waitUntil);
    }

    private void waitOrStop(Duration duration) throws InterruptedException {
        if (stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("task is stopping");
        }
    }

    private static Duration minimum(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
