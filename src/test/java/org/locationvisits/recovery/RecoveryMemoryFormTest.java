package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.TrafficRow;

/** The {@code pending} text of a remembered day: written compact, both forms read back to the same memory. */
class RecoveryMemoryFormTest {
    private static final LocalDate DAY = LocalDate.parse("2024-03-26");

    private static TrafficRow unhealthy(String site, Integer orbit, String time) {
        return new TrafficRow(site, orbit, DAY + "T" + time, 0, 0, false);
    }

    private static RecoveryMemory copyThroughOffset(RecoveryMemory memory, LocalDate day) {
        RecoveryMemory copy = new RecoveryMemory();
        copy.restore(day, memory.offset(day));
        return copy;
    }

    @Test
    void everyKeyRoundTripsOffQuarterTimesAndNullOrbitsIncluded() {
        RecoveryMemory memory = new RecoveryMemory();
        List<TrafficRow> rows = new ArrayList<>(List.of(
                unhealthy("aa lib", 1, "00:00:00"), unhealthy("aa lib", 1, "09:15:00"),
                unhealthy("aa lib", 1, "23:45:00"), unhealthy("aa lib", 2, "09:15:00"),
                unhealthy("aa lib", null, "12:30:00"), unhealthy("aa lib", 1, "09:07:00"),
                unhealthy("aa lib", null, "10:15:30"), unhealthy("st. agnes", 3, "17:00:00"),
                unhealthy("macomb's bridge", null, "06:59:59"),
                new TrafficRow("bronx lib", 1, DAY + "T09:00:00", 4, 4, true)));
        memory.rememberDay(DAY, rows, List.of("aa lib", "bronx lib", "st. agnes", "macomb's bridge", "snfl"));

        String pending = (String) memory.offset(DAY).get(RecoveryMemory.OFFSET_KEY);
        RecoveryMemory copy = copyThroughOffset(memory, DAY);

        assertThat(pending).startsWith("{\"u\":{").contains("\"x\":{").contains("\"m\":[\"snfl\"]")
                .doesNotContain("unhealthy").doesNotContain("09:15:00").contains("\"null\":");
        assertThat(pending).contains("\"macomb's bridge\":[\"null|06:59:59\"]")
                .contains("\"aa lib\":[\"1|09:07:00\",\"null|10:15:30\"]");
        for (String site : List.of("aa lib", "st. agnes", "macomb's bridge", "bronx lib")) {
            SiteDay siteDay = new SiteDay(site, DAY);
            assertThat(copy.freshRows(siteDay)).as(site).isEqualTo(memory.freshRows(siteDay));
        }
        assertThat(copy.freshRows(new SiteDay("aa lib", DAY))).hasSize(7);
        assertThat(copy.describe()).isEqualTo(memory.describe()).contains(
                "'aa lib' 2024-03-26: 7 unhealthy increment(s)", "'snfl' 2024-03-26: missing");
        assertThat(copy.unhealthySiteDays(DAY, DAY)).isEqualTo(memory.unhealthySiteDays(DAY, DAY));
        assertThat(copy.missingSiteDays(DAY, DAY, List.of())).isEqualTo(memory.missingSiteDays(DAY, DAY, List.of()));
        assertThat(copy.offset(DAY)).isEqualTo(memory.offset(DAY));
    }

    @Test
    void slotsAreQuarterHoursOfTheDayMostSignificantBitFirst() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(unhealthy("aa lib", 1, "00:00:00"), unhealthy("aa lib", 1, "00:45:00"),
                unhealthy("aa lib", 1, "23:45:00")), List.of("aa lib"));

        // slots 0, 3 and 95: 0b1001_0000, ten zero bytes, 0b0000_0001
        assertThat(memory.offset(DAY)).containsEntry(RecoveryMemory.OFFSET_KEY,
                "{\"u\":{\"aa lib\":{\"1\":\"kAAAAAAAAAAAAAAB\"}},\"m\":[]}");
        assertThat(PendingForm.slotOf("09:15:00")).isEqualTo(37);
        assertThat(PendingForm.slotOf("09:07:00")).isEqualTo(-1);
        assertThat(PendingForm.slotOf("09:15:01")).isEqualTo(-1);
        assertThat(PendingForm.slotOf("24:00:00")).isEqualTo(-1);
        assertThat(PendingForm.slotOf("9:15:00")).isEqualTo(-1);
    }

    @Test
    void theEarlierFormStillReads() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.restore(DAY, Map.of(RecoveryMemory.OFFSET_KEY, "{\"unhealthy\":{\"aa lib\":[\"1|09:15:00\","
                + "\"null|10:07:00\"],\"bronx lib\":[]},\"missing\":[\"bb lib\"]}"));

        assertThat(memory.describe()).containsExactly("'aa lib' 2024-03-26: 2 unhealthy increment(s)",
                "'bronx lib' 2024-03-26: 0 unhealthy increment(s)", "'bb lib' 2024-03-26: missing");
        assertThat(memory.freshRows(new SiteDay("aa lib", DAY)).keySet()).containsExactlyInAnyOrder(
                new VisitKey("aa lib", 1, DAY.atTime(9, 15)), new VisitKey("aa lib", null, DAY.atTime(10, 7)));
        assertThat(memory.offset(DAY)).containsEntry(RecoveryMemory.OFFSET_KEY,
                "{\"u\":{\"aa lib\":{\"1\":\"AAAAAAQAAAAAAAAA\"},\"bronx lib\":{}},\"x\":{\"aa lib\":[\"null|10:07:00\"]},"
                        + "\"m\":[\"bb lib\"]}");
        assertThat(copyThroughOffset(memory, DAY).describe()).isEqualTo(memory.describe());
    }

    @Test
    void theFallBackDaysRepeatedHourIsOneSlotAsBefore() {
        LocalDate fallBack = LocalDate.parse("2024-11-03");
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(fallBack, List.of(new TrafficRow("aa lib", 1, "2024-11-03T01:15:00", 0, 0, false),
                new TrafficRow("aa lib", 1, "2024-11-03T01:15:00", 0, 0, false),
                new TrafficRow("aa lib", 1, "2024-11-03T01:30:00", 0, 0, false)), List.of("aa lib"));

        assertThat(copyThroughOffset(memory, fallBack).describe())
                .containsExactly("'aa lib' 2024-11-03: 2 unhealthy increment(s)");
    }

    @Test
    void aDamagedBitmapSaysWhichDayToReset() {
        RecoveryMemory memory = new RecoveryMemory();

        assertThatThrownBy(() -> memory.restore(DAY, Map.of(RecoveryMemory.OFFSET_KEY,
                "{\"u\":{\"aa lib\":{\"1\":\"AAAA\"}},\"m\":[]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recovery offset of 2024-03-26 is not valid")
                .hasMessageContaining("recovery_day");
    }
}
