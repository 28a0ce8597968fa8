package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.CallGate;

/** The daily call limit as a gate asked before each call of a request, retries included. */
class CallBudgetTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-19");

    @Test
    void aRequestMayTakeEveryCallLeftAndNotOneMore() {
        CallBudget budget = new CallBudget(3);
        budget.spent(DAY, 1);
        CallGate gate = budget.gate(() -> DAY);

        assertThat(budget.allows(DAY)).isTrue();
        assertThat(gate.allows(0)).isTrue();
        assertThat(gate.allows(1)).as("1 spent + 1 made = 2 < 3").isTrue();
        assertThat(gate.allows(2)).as("1 spent + 2 made = 3: the limit").isFalse();
        budget.spent(DAY, 2);
        assertThat(budget.allows(DAY)).isFalse();
    }

    @Test
    void theGateReadsTheDayAtEachCallSoARetryAfterMidnightMeetsTheNewDaysBudget() {
        CallBudget budget = new CallBudget(3);
        budget.spent(DAY, 3);
        AtomicReference<LocalDate> today = new AtomicReference<>(DAY);
        CallGate gate = budget.gate(today::get);
        assertThat(gate.allows(0)).isFalse();

        today.set(DAY.plusDays(1));

        assertThat(gate.allows(1)).isTrue();
        assertThat(gate.allows(3)).isFalse();
    }

    @Test
    void noLimitLetsEveryCallThrough() {
        CallBudget budget = new CallBudget(0);
        budget.spent(DAY, 1_000);

        assertThat(budget.gate(() -> DAY).allows(1_000)).isTrue();
        assertThat(budget.allows(DAY)).isTrue();
    }
}
