package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.SiteDay;
import org.locationvisits.recovery.StoredVisit;
import org.locationvisits.recovery.VisitKey;
import org.locationvisits.testsupport.LogCapture;

/** When the rows replaced by recovered batches are marked stale, and what a failing or slow UPDATE does. */
class StaleMarksTest {
    private final StaleMarks marks = new StaleMarks();
    private final Ledger ledger = new Ledger();

    @Test
    void eachBatchIsDueOnceEveryOneOfItsRecordsIsAcknowledgedIndependentlyOfOtherBatches() {
        // Equal records are still two records: each must be acknowledged.
        List<SourceRecord> first = List.of(record(), record(), record());
        List<SourceRecord> second = List.of(record());
        marks.after(first, List.of(1L, 2L));
        marks.after(second, List.of(3L));

        marks.delivered(first.get(2));
        marks.delivered(first.get(2));
        marks.delivered(first.get(0));
        marks.delivered(second.get(0));
        marks.flush(ledger, true);
        assertThat(ledger.calls).containsExactly(List.of(3L));

        marks.delivered(first.get(1));
        marks.flush(ledger, true);
        assertThat(ledger.calls).containsExactly(List.of(3L), List.of(1L, 2L));
        assertThat(marks.marked()).isEqualTo(3);
    }

    @Test
    void rowsWithNoBatchToWaitForAreDueAtOnce() {
        marks.after(List.of(), List.of(4L));

        marks.flush(ledger, true);

        assertThat(ledger.calls).containsExactly(List.of(4L));
    }

    @Test
    void aLedgerFailingThreeTimesLogsOneLineKeepsTheRowsAndTheFourthFlushMarksThem() {
        marks.after(List.of(), List.of(5L, 6L));
        ledger.failuresLeft = 3;

        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                marks.flush(ledger, true);
            }
            assertThat(ledger.calls).isEmpty();
            assertThat(logs.text()).containsOnlyOnce("Could not mark 2 warehouse row(s) stale")
                    .containsOnlyOnce("a later recovery pass marks them");

            marks.flush(ledger, true);
        }

        assertThat(ledger.calls).containsExactly(List.of(5L, 6L));
        assertThat(marks.marked()).isEqualTo(2);
    }

    @Test
    void deliveredDoesNotWaitForAnUpdateUnderWay() throws Exception {
        List<SourceRecord> batch = List.of(record(), record());
        marks.after(List.of(), List.of(7L));
        marks.after(batch, List.of(8L));
        ledger.marking = new CountDownLatch(1);
        ledger.release = new CountDownLatch(1);
        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> marks.flush(ledger, true));
        try {
            assertThat(ledger.marking.await(30, TimeUnit.SECONDS)).as("the UPDATE started").isTrue();

            CompletableFuture.runAsync(() -> batch.forEach(marks::delivered)).get(30, TimeUnit.SECONDS);

            ledger.release.countDown();
            flush.get(30, TimeUnit.SECONDS);
        } finally {
            ledger.release.countDown();
        }
        ledger.marking = null;
        marks.flush(ledger, true);
        assertThat(ledger.calls).containsExactly(List.of(7L), List.of(8L));
    }

    @Test
    void withoutMarkingTheRowsAreDroppedUnmarked() {
        marks.after(List.of(), List.of(9L));

        marks.flush(ledger, false);
        marks.flush(ledger, true);

        assertThat(ledger.calls).isEmpty();
        assertThat(marks.marked()).isZero();
    }

    private static SourceRecord record() {
        return new SourceRecord(Map.of("recovery_day", "2026-11-17"), Map.of("pending", "{}"), "visits", null, null,
                null, null);
    }

    private static final class Ledger implements RecoveryLedger {
        final List<List<Long>> calls = new ArrayList<>();
        int failuresLeft;
        volatile CountDownLatch marking;
        volatile CountDownLatch release;

        @Override
        public int markStale(Collection<Long> ids) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("connection refused");
            }
            CountDownLatch started = marking;
            if (started != null) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            calls.add(List.copyOf(ids));
            return ids.size();
        }

        @Override
        public List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
            throw new UnsupportedOperationException();
        }
    }
}
