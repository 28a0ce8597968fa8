package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.encoder;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.rows;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.locationvisits.cli.RunCommand;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.metrics.RunSummary;

/**
 * The SIGTERM hook's logic, called directly rather than by signalling a child JVM (that would need every
 * stand-in in a second JVM): the JVM's shutdown runs this same thread. The day in flight is finished and
 * its offset stored; no later day is started; the hook holds the JVM until the run has returned.
 */
class RunCommandStopHookTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");

    @Test
    void sigtermFinishesTheDayInFlightStoresItsOffsetAndStartsNoOther() throws Exception {
        CountDownLatch fetchingFirstDay = new CountDownLatch(1);
        CountDownLatch answerFirstDay = new CountDownLatch(1);
        List<LocalDate> asked = new CopyOnWriteArrayList<>();
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        EmbeddedRunner runner = RunnerFixtures.runner(RunnerFixtures.task(day -> {
            asked.add(day);
            fetchingFirstDay.countDown();
            awaitUninterruptibly(answerFirstDay);
            return rows(day, 2);
        }), props(START, START.plusDays(3)), offsets, entries -> { }, false, false).build();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<RunSummary> summary = new AtomicReference<>();
        Thread main = new Thread(() -> {
            try {
                summary.set(runner.run());
            } finally {
                finished.countDown();
            }
        }, "test-main");
        main.start();
        fetchingFirstDay.await();

        Thread hook = RunCommand.stopHook(runner, finished);
        hook.start();
        while (hook.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // the hook now holds the JVM, waiting for the run
        }
        assertThat(summary.get()).isNull();
        answerFirstDay.countDown();
        hook.join();

        assertThat(summary.get()).as("the hook returned only after the run").isNotNull();
        assertThat(summary.get().exitCode()).isEqualTo(RunSummary.EXIT_CAUGHT_UP);
        assertThat(summary.get().daysDelivered()).isEqualTo(1);
        assertThat(offsets.read()).contains(START.plusDays(1));
        assertThat(asked).containsExactly(START.plusDays(1));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // a stopping task is not interrupted mid-fetch; keep the fetch going as ShopperTrak would
            }
        }
    }
}
