package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.testsupport.LogCapture;

/** The JVM runs the stop hook at every shutdown: only a shutdown while the run is still going is a signal. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunCommandStopHookTest {
    @Test
    void aNormalExitSaysNothingAboutSigterm() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(0);

        try (LogCapture logs = LogCapture.start()) {
            Thread hook = RunCommand.stopHook(stops::incrementAndGet, finished);
            hook.start();
            hook.join();

            assertThat(logs.text()).doesNotContain("SIGTERM");
        }
        assertThat(stops).hasValue(0);
    }

    @Test
    void aSignalDuringTheRunAsksItToStopAndSaysSo() throws Exception {
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(1);

        try (LogCapture logs = LogCapture.start()) {
            // The run ends when asked, as the runner finishes the day in flight.
            Thread hook = RunCommand.stopHook(() -> {
                stops.incrementAndGet();
                finished.countDown();
            }, finished);
            hook.start();
            hook.join();

            assertThat(logs.text()).contains("Stop requested (SIGTERM)");
        }
        assertThat(stops).hasValue(1);
    }
}
