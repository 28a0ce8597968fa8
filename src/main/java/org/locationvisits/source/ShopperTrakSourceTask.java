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
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.TrafficRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls ShopperTrak day by day, from the day after the committed {@code last_poll_date} through the end date
 * (yesterday in New York unless configured), and hands out each day's rows as one batch.
 * A day that fails emits nothing; the task tries it again later and never skips it.
 */
public class ShopperTrakSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(ShopperTrakSourceTask.class);
    /** Longest time poll() blocks, so the worker can stop, commit and rebalance. */
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);

    /** What the task is doing; the embedded runner reads it to decide when a run ends. */
    public enum Status { WORKING, CAUGHT_UP, WAITING_AFTER_FAILURE }

    private final Clock clock;
    private final BiFunction<SourceConfig, Sleeper, DayFetcher> fetcherFactory;
    private final CountDownLatch stopping = new CountDownLatch(1);

    private SourceConfig config;
    private DayFetcher fetcher;
    private LocalDate lastEmitted;
    private Instant waitUntil = Instant.MIN;
    private volatile Status status = Status.WORKING;
    private volatile DayFailure lastFailure;
    private volatile DayStats lastDay;

    public ShopperTrakSourceTask() {
        this(Clock.systemUTC(), (config, sleeper) -> new ShopperTrakClient(config.shopperTrak(), sleeper)::allSites);
    }

    public ShopperTrakSourceTask(Clock clock, BiFunction<SourceConfig, Sleeper, DayFetcher> fetcherFactory) {
        this.clock = clock;
        this.fetcherFactory = fetcherFactory;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SourceConfig(props);
        fetcher = fetcherFactory.apply(config, this::waitOrStop);
        LocalDate committed = SourceOffsets.lastPollDate(
                context.offsetStorageReader().offset(SourceOffsets.PARTITION));
        lastEmitted = Optional.ofNullable(committed).or(config::initialLastPollDate).orElseThrow(() ->
                new ConnectException("No offset is stored yet and " + SourceConfig.INITIAL_DATE_CONFIG
                        + " (LAST_POLL_DATE) is empty: set it to the last day already delivered, as YYYY-MM-DD"));
        log.info("Starting after last_poll_date {} ({}), polling through {}", lastEmitted,
                committed != null ? "stored offset" : "initial date setting",
                config.endDate().map(LocalDate::toString).orElse("yesterday, every day"));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            throw new InterruptedException("task is stopping");
        }
        Instant now = clock.instant();
        if (now.isBefore(waitUntil)) {
            waitOrStop(minimum(Duration.between(now, waitUntil), MAX_POLL_WAIT));
            return null;
        }
        LocalDate day = lastEmitted.plusDays(1);
        if (day.isAfter(lastDayToPoll())) {
            caughtUp(now);
            return null;
        }
        status = Status.WORKING;
        long started = System.nanoTime();
        DayResult result = fetcher.fetch(day);
        if (!(result instanceof DayResult.Rows rows)) {
            failed(DayFailure.of(result), now);
            return null;
        }
        lastDay = stats(rows, Duration.ofNanos(System.nanoTime() - started));
        List<SourceRecord> records = DayRecords.of(day, rows.rows(), pollDate(), config.topic());
        lastEmitted = day;
        lastFailure = null;
        commitTransactionAfter(records);
        log.debug("Fetched {}: {} rows, {}% healthy, {} API call(s), {} s", day, lastDay.rows(),
                String.format("%.1f", lastDay.healthyShare() * 100), lastDay.apiCalls(),
                String.format("%.1f", lastDay.fetchTime().toMillis() / 1000.0));
        return records;
    }

    @Override
    public void stop() {
        stopping.countDown();
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

    private LocalDate lastDayToPoll() {
        LocalDate yesterday = pollDate().minusDays(1);
        return config.endDate().filter(end -> end.isBefore(yesterday)).orElse(yesterday);
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
