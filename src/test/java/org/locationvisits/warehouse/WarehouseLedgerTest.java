package org.locationvisits.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.recovery.SiteDay;
import org.locationvisits.recovery.StoredVisit;
import org.locationvisits.recovery.VisitKey;
import org.locationvisits.testsupport.LogCapture;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Warehouse as RecoveryLedger against a real PostgreSQL, tables as in the qa database (location_visits_qa). */
class WarehouseLedgerTest {
    private static final LocalDate MON = LocalDate.parse("2026-03-02");
    private static EmbeddedPostgres pg;
    private static WarehouseTables qa;
    private Warehouse warehouse;

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

    private static LocalDateTime at(LocalDate day, String time) {
        return day.atTime(java.time.LocalTime.parse(time));
    }

    @Test
    void listsFreshUnhealthySiteDaysInclusiveOfBothEndsOrderedByDateThenSite() {
        List<Visit> rows = new ArrayList<>();
        long id = 1;
        for (int day = 0; day < 3; day++) {
            for (int site = 0; site < 12; site++) {
                rows.add(Visit.unhealthy(id++, "s" + (char) ('a' + site) + " lib", at(MON.plusDays(day), "23:45")));
            }
        }
        Collections.shuffle(rows, new Random(7));
        qa.visits(rows.toArray(Visit[]::new));
        qa.visits(Visit.unhealthy(100, "zz lib", at(MON.minusDays(1), "23:59")),  // before the range
                Visit.unhealthy(101, "zz lib", at(MON.plusDays(3), "00:00")),      // after the range
                Visit.unhealthy(102, "zy lib", at(MON, "10:00")).stale(),          // not fresh
                Visit.healthy(103, "zx lib", at(MON, "10:00"), 0, 0));             // healthy

        List<SiteDay> days = warehouse.unhealthySiteDays(MON, MON.plusDays(2));

        assertThat(days).hasSize(36).isSorted();
        assertThat(days.get(0)).isEqualTo(new SiteDay("sa lib", MON));
        assertThat(days.get(35)).isEqualTo(new SiteDay("sl lib", MON.plusDays(2)));
    }

    @Test
    void siteDaysWithRowsCountStaleAndHealthyRows() {
        qa.visits(Visit.healthy(1, "aa lib", at(MON, "00:00"), 3, 4),
                Visit.unhealthy(2, "bb lib", at(MON.plusDays(1), "12:00")).stale(),
                Visit.healthy(3, "cc lib", at(MON.plusDays(2), "00:00"), 1, 1));

        assertThat(warehouse.siteDaysWithRows(MON, MON.plusDays(1)))
                .containsExactlyInAnyOrder(new SiteDay("aa lib", MON), new SiteDay("bb lib", MON.plusDays(1)));
    }

    @Test
    void freshRowsAreKeyedBySiteOrbitAndStartIncludingNullOrbits() {
        qa.visits(Visit.unhealthy(1, "aa lib", at(MON, "10:00")).orbit(null),
                new Visit(2, "aa lib", 2, at(MON, "10:15"), 5, null, true, false, true),
                Visit.unhealthy(3, "aa lib", at(MON, "10:30")).stale(),
                Visit.unhealthy(4, "aa lib", at(MON.plusDays(1), "00:00")),
                Visit.unhealthy(5, "aa main", at(MON, "10:00")));

        assertThat(warehouse.freshRows(new SiteDay("aa lib", MON))).containsOnly(
                java.util.Map.entry(new VisitKey("aa lib", null, at(MON, "10:00")), new StoredVisit(1, false, 0, 0)),
                java.util.Map.entry(new VisitKey("aa lib", 2, at(MON, "10:15")), new StoredVisit(2, true, 5, null)));
    }

    @Test
    void freshRowsHoldEveryUnhealthyRowOfAKeyAndWarnOncePerSiteDay() {
        qa.visits(Visit.unhealthy(9, "aa lib", at(MON, "10:00")), Visit.unhealthy(4, "aa lib", at(MON, "10:00")),
                Visit.unhealthy(6, "aa lib", at(MON, "10:15")), Visit.healthy(5, "aa lib", at(MON, "10:15"), 3, 3),
                Visit.unhealthy(7, "aa lib", at(MON, "10:30")));

        java.util.Map<VisitKey, StoredVisit> fresh;
        try (LogCapture logs = LogCapture.start()) {
            fresh = warehouse.freshRows(new SiteDay("aa lib", MON));

            assertThat(logs.text()).containsOnlyOnce("Warehouse holds more than one fresh row for 2 key(s) of "
                    + "'aa lib' 2026-03-02");
        }
        StoredVisit twoUnhealthy = fresh.get(new VisitKey("aa lib", 1, at(MON, "10:00")));
        assertThat(twoUnhealthy.id()).isEqualTo(9);
        assertThat(twoUnhealthy.unhealthyIds()).containsExactlyInAnyOrder(4L, 9L);
        StoredVisit healedLater = fresh.get(new VisitKey("aa lib", 1, at(MON, "10:15")));
        assertThat(healedLater).extracting(StoredVisit::id, StoredVisit::healthy, StoredVisit::enters)
                .containsExactly(5L, true, 3);
        assertThat(healedLater.unhealthyIds()).containsExactly(6L);
        assertThat(fresh.get(new VisitKey("aa lib", 1, at(MON, "10:30")))).isEqualTo(new StoredVisit(7, false, 0, 0));
    }

    @Test
    void markStaleChangesOnlyTheGivenFreshRowsAcrossChunks() {
        qa.visits(LongStream.rangeClosed(1, 7).mapToObj(i -> Visit.unhealthy(i, "aa lib", at(MON, "10:0" + i)))
                .toArray(Visit[]::new));
        qa.visits(Visit.unhealthy(8, "aa lib", at(MON, "11:00")).stale());
        Warehouse smallChunks = new Warehouse(qa.settings(), Duration.ofSeconds(30), 2);

        int changed = smallChunks.markStale(List.of(1L, 2L, 3L, 5L, 5L, 8L, 999L));

        assertThat(changed).isEqualTo(4);
        assertThat(LongStream.rangeClosed(1, 7).filter(qa::isFresh)).containsExactly(4L, 6L, 7L);
        assertThat(smallChunks.markStale(List.of())).isZero();
    }

    @Test
    void markStaleChangesNothingWhenALaterChunkFails() {
        qa.visits(LongStream.rangeClosed(1, 4).mapToObj(i -> Visit.unhealthy(i, "aa lib", at(MON, "10:0" + i)))
                .toArray(Visit[]::new));
        // A trigger stands in for a failure half-way (lost connection, serialization error) on the last chunk.
        qa.execute("CREATE FUNCTION refuse_four() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN RAISE EXCEPTION 'refused row 4'; END $$",
                "CREATE TRIGGER refuse_four BEFORE UPDATE ON location_visits_qa FOR EACH ROW WHEN (OLD.id = 4) "
                        + "EXECUTE FUNCTION refuse_four()");
        try {
            Warehouse smallChunks = new Warehouse(qa.settings(), Duration.ofSeconds(30), 2);
            assertThatThrownBy(() -> smallChunks.markStale(List.of(1L, 2L, 3L, 4L)))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("mark 4 rows stale").hasMessageContaining("location_visits_qa")
                    .hasMessageContaining("refused row 4");
            assertThat(LongStream.rangeClosed(1, 4).filter(qa::isFresh)).containsExactly(1L, 2L, 3L, 4L);
            // The failed connection is replaced: the next operation works.
            assertThat(smallChunks.markStale(List.of(1L))).isEqualTo(1);
        } finally {
            qa.execute("DROP TRIGGER refuse_four ON location_visits_qa", "DROP FUNCTION refuse_four()");
        }
    }

    @Test
    void productionDatabaseUsesTablesWithoutSuffix() throws IOException {
        WarehouseTables production = WarehouseTables.create(pg, "production");
        production.clear();
        production.visits(Visit.unhealthy(1, "aa lib", at(MON, "10:00")));

        try (Warehouse prod = new Warehouse(production.settings())) {
            assertThat(prod.unhealthySiteDays(MON, MON)).containsExactly(new SiteDay("aa lib", MON));
        }
    }

    @Test
    void aLockedTableFailsAfterTheQueryTimeoutNamingTheTable() throws Exception {
        try (Connection holder = qa.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE location_visits_qa IN ACCESS EXCLUSIVE MODE");
            Warehouse impatient = new Warehouse(qa.settings(), Duration.ofSeconds(1), 1000);
            long started = System.nanoTime();

            assertThatThrownBy(() -> impatient.siteDaysWithRows(MON, MON))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("list site-days with rows").hasMessageContaining("location_visits_qa");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            holder.rollback();
        }
    }

    @Test
    void failureMessageNamesTheDatabaseButNeverThePassword() {
        WarehouseSettings nowhere = new WarehouseSettings("127.0.0.1", 1, "qa", "loader", WarehouseTables.PASSWORD,
                "disable");

        assertThatThrownBy(() -> new Warehouse(nowhere).freshRows(new SiteDay("aa lib", MON)))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("read fresh rows of 'aa lib' 2026-03-02")
                .hasMessageContaining("qa at 127.0.0.1:1").hasMessageContaining("user loader")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(WarehouseTables.PASSWORD));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
