package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationvisits.offsets.SourceOffsets;

class MemoryOffsetStoreTest {
    private static final Map<String, Object> MAIN = Map.copyOf(SourceOffsets.PARTITION);
    private static final Map<String, Object> CALLS = Map.of("shoppertrak_calls", "per_day");

    @Test
    void startsEmptyAndKeepsTheLastWrite() {
        MemoryOffsetStore store = new MemoryOffsetStore();
        assertThat(store.read()).isEmpty();
        assertThat(store.readAll()).isEmpty();

        store.write(LocalDate.of(2024, 3, 25));
        store.write(LocalDate.of(2024, 3, 26));

        assertThat(store.read()).contains(LocalDate.of(2024, 3, 26));
    }

    @Test
    void startsAtTheGivenDay() {
        assertThat(new MemoryOffsetStore(LocalDate.of(2024, 3, 25)).read()).contains(LocalDate.of(2024, 3, 25));
    }

    @Test
    void writeMovesTheDayKeepsOtherPartitionsAndDropsThePosition() {
        MemoryOffsetStore store = new MemoryOffsetStore();
        store.writeAll(Map.of(MAIN, Map.of("last_poll_date", "2024-03-25", "next_site", "bb lib"),
                CALLS, Map.of("day", "2024-03-26", "calls", 7)));

        store.write(LocalDate.of(2024, 3, 20));

        assertThat(store.readAll()).containsOnly(Map.entry(MAIN, Map.of("last_poll_date", "2024-03-20")),
                Map.entry(CALLS, Map.of("day", "2024-03-26", "calls", 7)));
    }

    @Test
    void refusesOffsetsWithoutADatedMainPartition() {
        assertThatThrownBy(() -> new MemoryOffsetStore().writeAll(Map.of(CALLS, Map.of("calls", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
