package org.locationvisits.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.locationvisits.Version;
import org.locationvisits.common.Sleeper;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.common.AwsClients;
import org.locationvisits.recovery.RecoveryItem;
import org.locationvisits.recovery.RecoveryPlanner;
import org.locationvisits.shoppertrak.TrafficRow;
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

    /** The API's limit: ShopperTrak answers for the last 30 days only. */
    static final int RECOVERY_DAYS = 30;

    /** What the task is doing; the embedded runner reads it to decide when a run ends. */
    public enum Status { WORKING, CAUGHT_UP, WAITING_AFTER_FAILURE }

    /** Builds the task's services from its settings at each start. */
    @FunctionalInterface
    public interface ServicesFactory {
        SourceServices create(SourceConfig config, Sleeper sleeper);
    }

    private final Clock clock;
    private final ServicesFactory servicesFactory;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final StaleMarks staleMarks = new StaleMarks();

    private SourceConfig config;
    private SourceServices services;
    private MissingDataRule missingRule;
    private java.util.Set<LocalDate> badPollDates;
    private LocalDate lastEmitted;
    private LocalDate cycleStart;
    private LocalDate recoveredOn;
    private RecoveryRun recovery;
    private volatile RecoveryStats recoveryStats = RecoveryStats.NONE;
    private volatile String recoveryFailure;
    private volatile LocalDate lastSkipped;
    private final java.util.concurrent.atomic.AtomicInteger dailyApiCalls = new java.util.concurrent.atomic.AtomicInteger();
    private Instant waitUntil = Instant.MIN;
    private volatile Status status = Status.WORKING;
    private volatile DayFailure lastFailure;
    private volatile DayStats lastDay;

    /**
     * A system property naming a fixed instant (ISO-8601) the task takes as "now": to rehearse a given day, and
     * for tests of a real worker, which builds tasks with this constructor. Unset: the system clock.
     */
    public static final String CLOCK_PROPERTY = "location.visits.fixed.instant";

    public ShopperTrakSourceTask() {
        this((config, sleeper) -> new ConfiguredServices(config, sleeper, () -> AwsClients.s3(config.awsRegion()),
                null), clockFromProperty());
    }

    private static Clock clockFromProperty() {
        String fixed = System.getProperty(CLOCK_PROPERTY);
        return fixed == null || fixed.isBlank() ? Clock.systemUTC()
                : Clock.fixed(Instant.parse(fixed.strip()), java.time.ZoneOffset.UTC);
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
        LocalDate committed = SourceOffsets.lastPollDate(
                context.offsetStorageReader().offset(SourceOffsets.PARTITION));
        lastEmitted = Optional.ofNullable(committed).or(config::initialLastPollDate).orElseThrow(() ->
                new ConnectException("No offset is stored yet and " + SourceConfig.INITIAL_DATE_CONFIG
                        + " (LAST_POLL_DATE) is empty: set it to the last day already delivered, as YYYY-MM-DD"));
        cycleStart = lastEmitted;
        log.info("Starting after last_poll_date {} ({}), polling through {}", lastEmitted,
                committed != null ? "stored offset" : "initial date setting",
                config.endDate().map(LocalDate::toString).orElse("yesterday, every day"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            throw new InterruptedException("task is stopping");
        }
        flushStaleMarks();
        Instant now = clock.instant();
        if (now.isBefore(waitUntil)) {
            waitOrStop(minimum(Duration.between(now, waitUntil), MAX_POLL_WAIT));
            return null;
        }
        if (recovery != null) {
            return recoverNext();
        }
        LocalDate day = lastEmitted.plusDays(1);
        if (day.isAfter(lastDayToPoll())) {
            if (services.ledger().isPresent() && !pollDate().equals(recoveredOn)) {
                startRecovery();
                return null;
            }
            caughtUp(now);
            return null;
        }
        status = Status.WORKING;
        long started = System.nanoTime();
        DayResult result = services.shopperTrak().allSites(day);
        dailyApiCalls.addAndGet(result.apiCalls());
        if (!(result instanceof DayResult.Rows rows)) {
            DayFailure failure = DayFailure.of(result);
            if (badPollDates.contains(day) && !failure.fatal()) {
                log.warn("Day {} is a listed bad poll date (BAD_POLL_DATES) and failed: {}. Skipped; its sites count "
                        + "as missing for recovery", day, failure.reason());
                lastEmitted = day;
                lastSkipped = day;
                return null;
            }
            failed(failure, now);
            return null;
        }
        archive(day, rows);
        lastDay = stats(rows, Duration.ofNanos(System.nanoTime() - started));
        List<SourceRecord> records = dayRecords().day(day, rows.rows());
        lastEmitted = day;
        lastFailure = null;
        commitTransactionAfter(records);
        log.debug("Fetched {}: {} rows, {}% healthy, {} API call(s), {} s", day, lastDay.rows(),
                String.format("%.1f", lastDay.healthyShare() * 100), lastDay.apiCalls(),
                String.format("%.1f", lastDay.fetchTime().toMillis() / 1000.0));
        return records;
    }

    @Override
    public void commitRecord(SourceRecord record, org.apache.kafka.clients.producer.RecordMetadata metadata) {
        staleMarks.delivered(record);
    }

    @Override
    public void commit() throws InterruptedException {
        flushStaleMarks();
    }

    @Override
    public void stop() {
        stopping.countDown();
        if (services != null) {
            services.close();
        }
    }

    /** The last day emitted or skipped (a listed bad poll date): every day up to it is dealt with. */
    public LocalDate lastEmittedDay() {
        return lastEmitted;
    }

    /** ShopperTrak calls of the daily polls since start, failed and skipped days included (recovery's apart). */
    public int dailyApiCalls() {
        return dailyApiCalls.get();
    }

    /** The last listed bad poll date skipped after failing, if any. */
    public Optional<LocalDate> lastSkippedDay() {
        return Optional.ofNullable(lastSkipped);
    }

    /** What recovery did since the task started. */
    public RecoveryStats recoveryStats() {
        RecoveryStats s = recoveryStats;
        return new RecoveryStats(s.siteDaysRequeried(), s.rowsRecovered(), staleMarks.marked(), s.apiCalls(),
                s.siteDaysLeft());
    }

    /** Why the last recovery pass stopped early, if it did for a reason other than E107. */
    public Optional<String> recoveryFailure() {
        return Optional.ofNullable(recoveryFailure);
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

    /** Window: the 30 days ending yesterday, up to the last day delivered before this run's daily poll. */
    private void startRecovery() {
        status = Status.WORKING;
        LocalDate yesterday = pollDate().minusDays(1);
        LocalDate from = yesterday.minusDays(RECOVERY_DAYS - 1);
        LocalDate to = cycleStart.isBefore(yesterday) ? cycleStart : yesterday;
        recoveredOn = pollDate();
        recoveryFailure = null;
        List<RecoveryItem> items;
        try {
            items = RecoveryPlanner.plan(from, to, services.ledger().orElseThrow(), services.allSites(),
                    services.calendar());
        } catch (RuntimeException e) {
            recoveryFailure = "recovery could not be planned: " + e.getMessage();
            log.error("Recovery skipped: {}", recoveryFailure);
            return;
        }
        long missing = items.stream().filter(i -> i.kind() == RecoveryItem.Kind.MISSING).count();
        log.info("Recovery from {} through {}: {} unhealthy and {} missing site-day(s) to re-query", from, to,
                items.size() - missing, missing);
        recovery = new RecoveryRun(items, services.ledger().orElseThrow(), services.shopperTrak(),
                services.dataLake().orElse(null), badPollDates, staleMarks);
    }

    private List<SourceRecord> recoverNext() {
        if (!recovery.hasNext()) {
            RecoveryStats pass = recovery.stats();
            RecoveryStats before = recoveryStats;
            recoveryStats = new RecoveryStats(before.siteDaysRequeried() + pass.siteDaysRequeried(),
                    before.rowsRecovered() + pass.rowsRecovered(), 0, before.apiCalls() + pass.apiCalls(),
                    pass.siteDaysLeft());
            recoveryFailure = recovery.failure();
            log.info("Recovery done: {} site-day(s) re-queried, {} row(s) recovered, {} API call(s), {} left",
                    pass.siteDaysRequeried(), pass.rowsRecovered(), pass.apiCalls(), pass.siteDaysLeft());
            recovery = null;
            cycleStart = lastEmitted;
            return null;
        }
        status = Status.WORKING;
        List<SourceRecord> records = recovery.next(dayRecords(), lastEmitted);
        if (records.isEmpty()) {
            return null;
        }
        lastDay = new DayStats(lastEmitted, records.size(), 0, 0, Duration.ZERO, true);
        return records;
    }

    private void archive(LocalDate day, DayResult.Rows rows) {
        if (rows.raw() != null) {
            services.dataLake().ifPresent(lake -> lake.store(day, rows.raw()));
        }
    }

    private DayRecords dayRecords() {
        return new DayRecords(pollDate(), config.topic(), services.generation(), missingRule);
    }

    private void flushStaleMarks() {
        services.ledger().ifPresent(ledger -> staleMarks.flush(ledger, config.markStaleRows()));
    }

    private void commitTransactionAfter(List<SourceRecord> records) {
        TransactionContext transactions = context.transactionContext();
        if (transactions != null && !records.isEmpty()) {
            // Exactly-once mode: a day's rows and that day's offset form one transaction.
            transactions.commitTransaction(records.get(records.size() - 1));
        }
    }

    private void caughtUp(Instant now) {
        if (status != Status.CAUGHT_UP) {
            log.info("Caught up: every day through {} is emitted", lastEmitted);
        }
        status = Status.CAUGHT_UP;
        waitUntil = config.endDate().isPresent() ? now.plus(MAX_POLL_WAIT) : nextPollTime(now);
    }

    private void failed(DayFailure failure, Instant now) {
        lastFailure = failure;
        status = Status.WAITING_AFTER_FAILURE;
        if (failure.fatal()) {
            throw new ConnectException(failure.reason());
        }
        waitUntil = failure.waitForNextPollTime() ? nextPollTime(now) : now.plus(config.failedDayRetry());
        log.error("Day {} not emitted: {}. Last emitted day stays {}; a running task tries again at {}",
                failure.day(), failure.reason(), lastEmitted, waitUntil);
    }

    /**
     * Yesterday; a long-running task polls day D only after POLL_TIME on D+1, when ShopperTrak has its counts
     * (before it, the day before yesterday).
     */
    private LocalDate lastDayToPoll() {
        ZonedDateTime local = clock.instant().atZone(SourceConfig.ZONE);
        LocalDate last = local.toLocalDate().minusDays(1);
        if (config.waitForPollTime() && local.toLocalTime().isBefore(config.pollTime())) {
            last = last.minusDays(1);
        }
        LocalDate bound = last;
        return config.endDate().filter(end -> end.isBefore(bound)).orElse(bound);
    }

    private LocalDate pollDate() {
        return LocalDate.ofInstant(clock.instant(), SourceConfig.ZONE);
    }

    private Instant nextPollTime(Instant now) {
        ZonedDateTime local = now.atZone(SourceConfig.ZONE);
        ZonedDateTime today = local.toLocalDate().atTime(config.pollTime()).atZone(SourceConfig.ZONE);
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }

    private void waitOrStop(Duration duration) throws InterruptedException {
        if (stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("task is stopping");
        }
    }

    private static Duration minimum(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static DayStats stats(DayResult.Rows rows, Duration took) {
        int healthy = 0;
        for (TrafficRow row : rows.rows()) {
            healthy += row.healthy() ? 1 : 0;
        }
        return new DayStats(rows.date(), rows.rows().size(), healthy, rows.apiCalls(), took);
    }
}
