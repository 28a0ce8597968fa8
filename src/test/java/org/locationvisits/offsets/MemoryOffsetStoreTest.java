package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MemoryOffsetStoreTest {
    @Test
    void startsEmptyAndKeepsTheLastWrite() {
        MemoryOffsetStore store = new MemoryOffsetStore();
        assertThat(store.read()).isEmpty();

        store.write(LocalDate.of(2024, 3, 25));
        store.write(LocalDate.of(2024, 3, 26));

        assertThat(store.read()).contains(LocalDate.of(2024, 3, 26));
    }

    @Test
    void startsAtTheGivenDay() {
        assertThat(new MemoryOffsetStore(LocalDate.of(2024, 3, 25)).read()).contains(LocalDate.of(2024, 3, 25));
    }
}
