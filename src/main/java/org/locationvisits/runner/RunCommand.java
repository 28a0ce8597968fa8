package org.locationvisits.runner;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main job: what the container runs every day. */
final class RunCommand {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    private RunCommand() {
    }

    static int run(String[] args) {
        Args parsed = new Args(args, Set.of("config"));
        RunnerSettings settings = Wiring.settings(System.getenv(), parsed.option("config"), Purpose.RUN);
        log.info("Starting: {}", settings);
        if (settings.ignoreKinesis()) {
            log.warn("IGNORE_KINESIS=true: a dry run. Rows are fetched and encoded but not sent, "
                    + "and the stored offset does not move");
        }
        if (settings.ignoreCache()) {
            log.info("IGNORE_CACHE=true: the S3 state is neither read nor written; starting after LAST_POLL_DATE {}",
                    settings.lastPollDate().orElseThrow());
        }
        EmbeddedRunner runner = Wiring.runner(settings, Wiring.Aws.forRegion(settings.awsRegion()));
        CountDownLatch finished = new CountDownLatch(1);
        // On SIGTERM (ECS stop), let the day in flight finish or fail cleanly before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.requestStop();
            try {
                finished.await(25, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-runner"));
        try {
            return runner.run().exitCode();
        } finally {
            finished.countDown();
        }
    }
}
