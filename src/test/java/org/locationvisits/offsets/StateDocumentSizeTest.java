package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.SimulatedTraffic;
import org.locationvisits.offsets.SourceOffsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The worst recovery window the main job keeps in its one state object: 90 sites x 30 days, every increment of
 * both entrances of every site unhealthy, 5 listed sites missing every day. The whole document must stay well
 * within what one PUT and one GET per run handle comfortably.
 */
class StateDocumentSizeTest {
    private static final int SITES = 90;
    private static final int MISSING = 5;
    private static final int DAYS = 30;
    private static final LocalDate LAST = LocalDate.parse("2026-11-20");

    @Test
    void aFullWindowOfNinetySitesEveryIncrementUnhealthyStaysBelow256KB() throws Exception {
        List<String> names = new SimulatedTraffic(SITES + MISSING, 1).siteIds();
        List<String> answered = names.subList(0, SITES);
        RecoveryMemory memory = new RecoveryMemory();
        long earlierForm = 0;
        for (LocalDate day = LAST.minusDays(DAYS - 1); !day.isAfter(LAST); day = day.plusDays(1)) {
            List<TrafficRow> rows = new ArrayList<>();
            for (String site : answered) {
                for (int orbit = 1; orbit <= 2; orbit++) {
                    for (int slot = 0; slot < 96; slot++) {
                        rows.add(new TrafficRow(site, orbit, String.format("%sT%02d:%02d:00", day, slot / 4,
                                slot % 4 * 15), 0, 0, false));
                    }
                }
            }
            memory.rememberDay(day, rows, names);
            earlierForm += earlierPending(rows, names.subList(SITES, names.size())).length();
        }
        // The main offset as the task's records carry it (ShopperTrakSourceTask, RecoveryCycle.state).
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("last_poll_date", LAST.toString());
        main.put(RecoveryMemory.ALL_KEY, memory.snapshot(LAST.minusDays(DAYS - 1)));
        main.put("calls_day", LAST.plusDays(1).toString());
        main.put("calls", 2815);
        Map<Map<String, Object>, Map<String, Object>> all = new LinkedHashMap<>();
        all.put(Map.copyOf(SourceOffsets.PARTITION), main);

        int document = S3OffsetStore.document(all).getBytes(StandardCharsets.UTF_8).length;
        // A Connect worker stores the same offset as JSON in its offsets topic (default max message 1 MB).
        int connectOffset = new ObjectMapper().writeValueAsBytes(main).length;
        int oneDay = ((String) memory.offset(LAST).get(RecoveryMemory.OFFSET_KEY))
                .getBytes(StandardCharsets.UTF_8).length;
        long oneDayEarlier = earlierForm / DAYS;
        System.out.printf("State document, %d sites x %d days all unhealthy + %d missing: %d bytes "
                + "(%.1f KB); as a Connect offset: %d bytes; one day's pending form: %d bytes (the earlier form: %d "
                + "bytes a day)%n", SITES, DAYS, MISSING, document, document / 1024.0, connectOffset, oneDay,
                oneDayEarlier);

        assertThat(document).isLessThan(256 * 1024);
        assertThat(connectOffset).isLessThan(512 * 1024);
        assertThat(memory.describe()).hasSize(DAYS * (SITES + MISSING));
    }

    /** What the earlier form held for a day, for comparison. */
    private static String earlierPending(List<TrafficRow> rows, List<String> missing) throws Exception {
        Map<String, TreeSet<String>> unhealthy = new TreeMap<>();
        rows.forEach(r -> unhealthy.computeIfAbsent(r.siteId(), s -> new TreeSet<>())
                .add(r.orbit() + "|" + r.incrementStart().substring(11)));
        return new ObjectMapper().writeValueAsString(Map.of("unhealthy", unhealthy, "missing", missing));
    }
}
