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
import org.locationvisits.recovery.RecoveryCycle;
import org.locationvisits.recovery.RecoveryStats;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.offsets.DayPosition;
import org.locationvisits.offsets.PlacedDay;
import org.locationvisits.record.DayRecords;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.shoppertrak.DayFetcher;

/**
 * The Connect face of the {@link PollCore}: Connect's life cycle (start, poll, commitRecord, commit, stop), the
 * exactly-once transaction boundaries and the plugin metrics. What the core does shows in a {@link PollProgress}:
 * a runtime that must know it (the embedded runner) hands its own in.
 */
public class ShopperTrakSourceTask extends SourceTask {
    private final Clock clock;
    private final ServicesFactory servicesFactory;
    private final PollProgress progress;
    private final CountDownLatch stopping = new CountDownLatch(1);

    private SourceServices services;
    private PollCore core;
    private TaskMetrics metrics;

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
        this(servicesFactory, clock, new PollProgress());
    }

    /** @param progress where the task tells what it does; read it from any thread */
    public ShopperTrakSourceTask(ServicesFactory servicesFactory, Clock clock, PollProgress progress) {
        this.clock = clock;
        this.servicesFactory = servicesFactory;
        this.progress = progress;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        services = servicesFactory.create(config, this::waitOrStop);
        core = new PollCore(config, services, context.offsetStorageReader(), new PollSchedule(clock, config),
                this::waitOrStop, progress);
        metrics = TaskMetrics.register(context, progress);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            throw new InterruptedException("task is stopping");
        }
        metrics.retryPending();
        List<SourceRecord> records = core.poll();
        TransactionContext transactions = context.transactionContext();
        if (transactions != null && records != null && !records.isEmpty()) {
            // Exactly-once mode: a day's rows and that day's offset form one transaction; so does a recovered
            // site-day, whose offset is the one already committed.
            transactions.commitTransaction(records.get(records.size() - 1));
        }
        return records;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        // A worker passes no metadata for a record it dropped (a filter, errors.tolerance=all): not delivered.
        core.acknowledged(record, metadata != null);
    }

    @Override
    public void commit() throws InterruptedException {
        core.commit();
    }

    @Override
    public void stop() {
        stopping.countDown();
        if (services != null) {
            services.close();
        }
    }

    /** What the task did, for this package's tests; a runtime that must know hands in its own progress instead. */
    PollProgress progress() {
        return progress;
    }

    private void waitOrStop(Duration duration) throws InterruptedException {
        if (stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("task is stopping");
        }
    }
}
