package org.locationvisits.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.locationvisits.testsupport.LogCapture;

class MissingDataRuleTest {
    private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
    private static final LocalDate SUNDAY = LocalDate.parse("2026-03-08");
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private final MissingDataRule rule = new MissingDataRule(new LocationCalendar.Builder()
            .hours("aa", DayOfWeek.MONDAY, new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)))
            .hours("aa", DayOfWeek.SUNDAY, Hours.CLOSED)
            .build());

    private boolean zeroUnhealthy(String site, LocalDate date, String start) {
        return rule.isMissing(site, date, LocalTime.parse(start), false, 0, 0);
    }

    @Test
    void unhealthyZeroCountsWithinRegularHoursAreMissingFromOpeningUpToClosing() {
        assertThat(zeroUnhealthy("aa lib", MONDAY, "09:00")).isTrue();
        assertThat(zeroUnhealthy("aa lib", MONDAY, "17:45")).isTrue();
    }

    @Test
    void outsideRegularHoursIsNotMissing() {
        assertThat(zeroUnhealthy("aa lib", MONDAY, "08:45")).isFalse();
        assertThat(zeroUnhealthy("aa lib", MONDAY, "18:00")).isFalse();
    }

    @Test
    void aWeekdayTheBranchDoesNotOpenIsNotMissing() {
        assertThat(zeroUnhealthy("aa lib", SUNDAY, "12:00")).isFalse();
    }

    @Test
    void healthyIncrementsAreNeverMissing() {
        assertThat(rule.isMissing("aa lib", MONDAY, LocalTime.NOON, true, 0, 0)).isFalse();
    }

    @Test
    void anyCountAboveZeroIsNotMissing() {
        assertThat(rule.isMissing("aa lib", MONDAY, LocalTime.NOON, false, 1, 0)).isFalse();
        assertThat(rule.isMissing("aa lib", MONDAY, LocalTime.NOON, false, 0, 2)).isFalse();
        assertThat(rule.isMissing("aa lib", MONDAY, LocalTime.NOON, false, null, 3)).isFalse();
    }

    @Test
    void nullCountsCountAsZero() {
        assertThat(rule.isMissing("aa lib", MONDAY, LocalTime.NOON, false, null, null)).isTrue();
        assertThat(rule.isMissing("aa lib", MONDAY, LocalTime.NOON, false, 0, null)).isTrue();
    }

    @Test
    void unknownHoursAreMissingWithOneWarningPerBranch() {
        try (LogCapture logs = LogCapture.start()) {
            assertThat(zeroUnhealthy("aa lib", TUESDAY, "03:00")).isTrue();   // known branch, unknown weekday
            assertThat(zeroUnhealthy("aa main", TUESDAY, "12:00")).isTrue();
            assertThat(zeroUnhealthy("bb lib", MONDAY, "12:00")).isTrue();    // unknown branch
            assertThat(zeroUnhealthy("bb lib", TUESDAY, "12:00")).isTrue();

            assertThat(count(logs.text(), "No regular hours known for branch 'aa'")).isEqualTo(1);
            assertThat(count(logs.text(), "No regular hours known for branch 'bb'")).isEqualTo(1);
        }
    }

    @Test
    void eachRuleInstanceWarnsAgain() {
        zeroUnhealthy("bb lib", MONDAY, "12:00");
        try (LogCapture logs = LogCapture.start()) {
            new MissingDataRule(LocationCalendar.empty()).isMissing("bb lib", MONDAY, LocalTime.NOON, false, 0, 0);

            assertThat(count(logs.text(), "No regular hours known for branch 'bb'")).isEqualTo(1);
        }
    }

    private static int count(String text, String phrase) {
        Matcher m = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
