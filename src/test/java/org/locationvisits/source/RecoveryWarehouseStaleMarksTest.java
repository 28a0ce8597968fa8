package org.locationvisits.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.warehouse.Warehouse;
import org.locationvisits.warehouse.WarehouseTables;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.ShopperTrakApi;

/** A recovery pass of the task against a real PostgreSQL warehouse: which stored rows end up stale. */
class RecoveryWarehouseStaleMarksTest {
    /** The fall-back day in New York: 01:00 to 01:45 happen twice. */
    private static final LocalDate FALL_BACK = LocalDate.parse("2026-11-01");
    private static EmbeddedPostgres pg;
    private static WarehouseTables qa;
    private Warehouse warehouse;
    private List<TrafficRow> answer = List.of();

    @BeforeAll
    static void startPostgres() {
        pg = WarehouseTables.startPostgres();
        qa = WarehouseTables.create(pg, "qa");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        pg.close();
    }

    @BeforeEach
    void clean() {
        qa.clear();
        warehouse = new Warehouse(qa.settings());
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void bothUnhealthyRowsOfTheRepeatedHourOnTheFallBackDayAreMarkedOnceRecovered() throws Exception {
        qa.visits(Visit.healthy(1, "aa lib", at("00:45"), 4, 4), Visit.unhealthy(2, "aa lib", at("01:00")),
                Visit.unhealthy(3, "aa lib", at("01:00")));
        answer = List.of(row("00:45", 4, true), row("01:00", 5, true), row("01:00", 6, true));

        List<SourceRecord> sent = recoverAndAcknowledge();

        assertThat(sent).hasSize(2);
        assertThat(qa.isFresh(2)).isFalse();
        assertThat(qa.isFresh(3)).isFalse();
        assertThat(qa.isFresh(1)).isTrue();
    }

    @Test
    void anUnhealthyRowBesideAHealthyOneOfItsKeyIsMarkedByTheNextPassWithNothingSent() throws Exception {
        // Row 8 replaced row 7 in an earlier run whose stale mark was lost.
        qa.visits(Visit.unhealthy(7, "aa lib", at("09:00")), Visit.healthy(8, "aa lib", at("09:00"), 5, 5));
        answer = List.of(row("09:00", 5, true));

        List<SourceRecord> sent = recoverAndAcknowledge();

        assertThat(sent).isEmpty();
        assertThat(qa.isFresh(7)).isFalse();
        assertThat(qa.isFresh(8)).isTrue();
    }

    /** Runs the pass of 2026-11-03 over a task caught up to yesterday, acknowledges all it sends, commits. */
    private List<SourceRecord> recoverAndAcknowledge() throws InterruptedException {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> SimpleServices.of(
                new ShopperTrakApi() {
                    @Override
                    public DayResult allSites(LocalDate day) {
                        throw new AssertionError("caught up: no daily poll expected");
                    }

                    @Override
                    public DayResult site(LocalDate day, String siteId) {
                        return new DayResult.Rows(day, answer, 1);
                    }
                }).withRecovery(warehouse, List.of()), Clock.fixed(ZonedDateTime.of(2026, 11, 3, 12, 0, 0, 0,
                SourceConfig.ZONE).toInstant(), ZoneOffset.UTC));
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(LocalDate.parse("2026-11-02"))));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", Map.of()));
        List<SourceRecord> sent = new ArrayList<>();
        for (int i = 0; i < 10 && task.progress().status() != PollProgress.Status.CAUGHT_UP; i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                sent.addAll(batch);
            }
        }
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.CAUGHT_UP);
        for (SourceRecord record : sent) {
            task.commitRecord(record, Acks.ACKED);
        }
        task.commit();
        return sent;
    }

    private static LocalDateTime at(String time) {
        return FALL_BACK.atTime(java.time.LocalTime.parse(time));
    }

    private static TrafficRow row(String time, int count, boolean healthy) {
        return new TrafficRow("aa lib", 1, FALL_BACK + "T" + time + ":00", count, count, healthy);
    }
}
