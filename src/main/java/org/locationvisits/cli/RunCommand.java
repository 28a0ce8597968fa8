package org.locationvisits.cli;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.locationvisits.runner.EmbeddedRunner;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.endpoints.DeliveredCounts;
import org.locationvisits.runner.Wiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main job: what the container runs every day ({@link Main} with no command). */
public final class RunCommand {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private RunCommand() {
    }

    static int run(Context context, String configPath) {
        RunnerSettings settings = context.settings(configPath, Purpose.RUN);
        log.info("Starting: {}", settings);
        if (settings.ignoreKinesis()) {
            log.warn("IGNORE_KINESIS=true: a dry run. Rows are fetched and encoded but not sent, "
                    + "and nothing durable is written: no state, no recovery memory, no data-lake copy, no stale mark");
        }
        if (settings.ignoreCache()) {
            log.info("IGNORE_CACHE=true: the S3 state is neither read nor written; starting after LAST_POLL_DATE {}",
                    settings.lastPollDate().orElseThrow());
        }
        Clock clock = Clock.systemUTC();
        DeliveredCounts delivered = new DeliveredCounts();
        EmbeddedRunner runner = Wiring.runnerBuilder(settings, context.aws().apply(settings.awsRegion()), clock)
                .alsoReport(delivered).build();
        // Before the run: a port that cannot be bound is a start-up error (exit 2) before any ShopperTrak call.
        // The run stops the endpoints when it returns.
        Wiring.endpoints(settings, runner, clock, delivered);
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(stopHook(runner, finished));
        try {
            return runner.run().exitCode();
        } finally {
            finished.countDown();
        }
    }

    /**
     * On SIGTERM (ECS stop): no new day is started; the day in flight is fetched, delivered and its offset
     * stored (or fails cleanly), and the JVM waits for that, up to 25 s of ECS's default 30 s stop timeout.
     * The hook runs at every JVM shutdown, a normal exit's too: once the run has finished no signal came,
     * and it says nothing.
     *
     * @param finished counted down when the run has returned
     */
    public static Thread stopHook(EmbeddedRunner runner, CountDownLatch finished) {
        return stopHook(runner::requestStop, finished);
    }

    static Thread stopHook(Runnable requestStop, CountDownLatch finished) {
        return new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            log.info("Stop requested (SIGTERM): finishing the day in flight, then stopping");
            requestStop.run();
            try {
                finished.await(25, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-runner");
    }
}
