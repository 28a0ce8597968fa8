package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.shoppertrak.simulator.SimulatedTraffic;

/** Bounded inputs: a call's overall deadline and the cap on an answer's size, against the simulator. */
class ShopperTrakClientLimitsTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private ShopperTrakSimulator simulator;

    @BeforeEach
    void start() throws IOException {
        simulator = ShopperTrakSimulator.builder().sites(3).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ShopperTrakSettings settings(Duration callTimeout, long maxAnswerBytes) {
        return ShopperTrakSettings.defaults(simulator.baseUrl(), "simulator", "simulator")
                .withHttpRetries(1, Duration.ZERO)
                .withLimits(new ShopperTrakSettings.Limits(callTimeout, maxAnswerBytes, Set.of()));
    }

    /** Without callTimeout the drip (a byte every 50 ms, well inside the 60 s read timeout) runs for hours. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDrippingServerEndsAtTheCallDeadline() {
        simulator.faults().dripMillis(50);
        ShopperTrakClient client = new ShopperTrakClient(settings(Duration.ofMillis(300),
                ShopperTrakSettings.DEFAULT_MAX_ANSWER_BYTES), sleeper);

        DayResult result = client.allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        DayResult.Failed failed = (DayResult.Failed) result;
        assertThat(failed.reason()).containsIgnoringCase("timeout");
        assertThat(failed.answered()).isFalse();
        client.close();
    }

    @Test
    void anOversizedAnswerIsRefusedOnceWithoutRetryAndKeepsTheOffset() {
        simulator.faults().oversizeBytes(200_000);
        ShopperTrakClient client = new ShopperTrakClient(settings(Duration.ofMinutes(1), 100_000)
                .withHttpRetries(3, Duration.ofSeconds(1)), sleeper);

        DayResult result = client.allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        DayResult.Failed failed = (DayResult.Failed) result;
        assertThat(failed.reason()).contains("larger than 100000 bytes").contains("SHOPPERTRAK_MAX_ANSWER_BYTES");
        // Not about the day: a listed bad poll date is not skipped for it, the offset stays.
        assertThat(failed.answered()).isFalse();
        assertThat(failed.cause()).as("this one request, as a 4xx: recovery goes on past it")
                .isEqualTo(DayResult.Failed.Cause.REFUSED);
        assertThat(DayFailure.failsOnTheDay(result)).isFalse();
        assertThat(result.apiCalls()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void anOversizedAnswerIsRefusedWhenAnswersAreKeptToo() {
        simulator.faults().oversizeBytes(200_000);
        ShopperTrakClient client = new ShopperTrakClient(settings(Duration.ofMinutes(1), 100_000)
                .withRawAnswers(true), sleeper);

        assertThat(((DayResult.Failed) client.allSites(DAY)).reason()).contains("larger than");
    }

    @Test
    void anAnswerUnderTheCapIsRead() {
        simulator.faults().oversizeBytes(50_000);
        ShopperTrakClient client = new ShopperTrakClient(settings(Duration.ofMinutes(1), 1_000_000), sleeper);

        assertThat(client.allSites(DAY)).isInstanceOf(DayResult.Rows.class);
    }

    /** The default cap against a 2,000-site v2 day (the size the default's javadoc quotes). */
    @Test
    void theDefaultCapIsWellAboveA2000SiteDay() throws IOException {
        CountingWriter out = new CountingWriter();
        new SimulatedTraffic(2000, 1).writeAllSites(DAY, ApiVersion.V2, out);

        assertThat(out.chars).isBetween(20_000_000L, ShopperTrakSettings.DEFAULT_MAX_ANSWER_BYTES / 4);
    }

    /** The simulator writes ASCII only, so characters are bytes. */
    private static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] cbuf, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
