package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** RECOVERY_SCHEDULE: which pending site-days a pass asks again. */
class RecoveryScheduleTest {
    private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

    @Test
    void backoffAsksOnDaysOneTwoFourEightSixteenAndTwentyNineAfterTheDayOnly() {
        List<Integer> due = IntStream.rangeClosed(0, 31)
                .filter(age -> RecoverySchedule.BACKOFF.due(DAY, DAY.plusDays(age), false)).boxed().toList();

        assertThat(due).as("30, the window's last day, is a last chance").containsExactly(1, 2, 4, 8, 16, 29, 30);
    }

    @Test
    void backoffAsksAtOnceWhenTheLastReQueryCameBackChanged() {
        assertThat(IntStream.rangeClosed(1, 30).allMatch(age ->
                RecoverySchedule.BACKOFF.due(DAY, DAY.plusDays(age), true))).isTrue();
    }

    @Test
    void dailyAsksEveryDayWhateverTheLastAnswer() {
        assertThat(IntStream.rangeClosed(1, 30).allMatch(age -> RecoverySchedule.DAILY.due(DAY, DAY.plusDays(age),
                false) && RecoverySchedule.DAILY.due(DAY, DAY.plusDays(age), true))).isTrue();
    }

    @Test
    void dueOnlyKeepsTheOrderAndDropsWhatIsNotDue() {
        LocalDate today = DAY.plusDays(8);
        RecoveryItem age8 = item("a", DAY);
        RecoveryItem age7 = item("b", DAY.plusDays(1));
        RecoveryItem age7Changed = item("c", DAY.plusDays(1));
        RecoveryItem age4 = item("d", DAY.plusDays(4));
        List<RecoveryItem> items = List.of(age8, age7, age7Changed, age4);
        Set<SiteDay> changed = Set.of(age7Changed.siteDay());

        assertThat(RecoverySchedule.BACKOFF.dueOnly(items, today, changed::contains))
                .containsExactly(age8, age7Changed, age4);
        assertThat(RecoverySchedule.DAILY.dueOnly(items, today, changed::contains)).isEqualTo(items);
    }

    @Test
    void theSettingReadsEitherValueAndRefusesAnyOther() {
        assertThat(RecoverySchedule.of(" Backoff ")).isEqualTo(RecoverySchedule.BACKOFF);
        assertThat(RecoverySchedule.of("daily")).isEqualTo(RecoverySchedule.DAILY);
        assertThatThrownBy(() -> RecoverySchedule.of("weekly")).hasMessageContaining("daily or backoff");
    }

    private static RecoveryItem item(String site, LocalDate day) {
        return new RecoveryItem(new SiteDay(site, day), RecoveryItem.Kind.UNHEALTHY);
    }
}
