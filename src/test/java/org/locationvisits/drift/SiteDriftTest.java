package org.locationvisits.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.locationvisits.testsupport.LogCapture;

/** The drift rules, with days fed by hand. */
class SiteDriftTest {
    private static final LocalDate D1 = LocalDate.parse("2026-11-01");

    /** Feeds days in order, keeping what the recovery memory would: the listed sites each day's answer lacked. */
    private static final class Days {
        final SiteDrift drift;
        final Map<LocalDate, Set<String>> missing = new HashMap<>();
        List<String> listed;

        Days(SiteDrift drift, List<String> listed) {
            this.drift = drift;
            this.listed = listed;
        }

        SiteDrift.Findings day(int n, String... answered) {
            LocalDate day = D1.plusDays(n - 1);
            SiteDrift.Findings found = drift.dayAnswered(day, List.of(answered), listed,
                    d -> missing.getOrDefault(d, Set.of()));
            Set<String> lacked = new TreeSet<>(listed);
            List.of(answered).forEach(lacked::remove);
            missing.put(day, lacked);
            return found;
        }
    }

    @Test
    void aSiteTheListLacksIsNewAndReportedOnceWhileTheAnswersHoldIt() {
        Days days = new Days(new SiteDrift(), List.of("aa", "bb"));

        SiteDrift.Findings first = days.day(1, "aa", "bb", "zz");
        SiteDrift.Findings second = days.day(2, "aa", "bb", "zz");

        assertThat(first.newSites()).containsExactly("zz");
        assertThat(first.againstList()).isTrue();
        assertThat(second.isEmpty()).isTrue();
        assertThat(days.drift.newCount()).isEqualTo(1);
        assertThat(days.drift.newSites()).containsExactly("zz");
    }

    @Test
    void aNewSiteAddedToTheListIsNoLongerCountedAndIsReportedAgainIfItLeavesTheListAgain() {
        Days days = new Days(new SiteDrift(), List.of("aa"));
        days.day(1, "aa", "zz");

        days.listed = List.of("aa", "zz");
        assertThat(days.day(2, "aa", "zz").isEmpty()).isTrue();
        assertThat(days.drift.newCount()).isZero();

        days.listed = List.of("aa");
        assertThat(days.day(3, "aa", "zz").newSites()).containsExactly("zz");
    }

    @Test
    void aListedSiteIsGoneOnTheThirdAnswerInARowWithoutIt() {
        Days days = new Days(new SiteDrift(), List.of("aa", "bb"));

        assertThat(days.day(1, "aa").isEmpty()).isTrue();
        assertThat(days.day(2, "aa").isEmpty()).isTrue();
        SiteDrift.Findings third = days.day(3, "aa");
        SiteDrift.Findings fourth = days.day(4, "aa");

        assertThat(third.goneSites()).containsExactly("bb");
        assertThat(third.newSites()).isEmpty();
        assertThat(fourth.isEmpty()).isTrue();
        assertThat(days.drift.goneCount()).isEqualTo(1);
    }

    @Test
    void aGoneSiteAnsweredAgainStopsCountingAndIsReportedAgainAfterThreeMoreDaysWithoutIt() {
        Days days = new Days(new SiteDrift(), List.of("aa", "bb"));
        days.day(1, "aa");
        days.day(2, "aa");
        days.day(3, "aa");

        assertThat(days.day(4, "aa", "bb").isEmpty()).isTrue();
        assertThat(days.drift.goneCount()).isZero();
        days.day(5, "aa");
        days.day(6, "aa");
        assertThat(days.day(7, "aa").goneSites()).containsExactly("bb");
    }

    @Test
    void anAbsenceBrokenByOneAnswerStartsTheCountAgain() {
        Days days = new Days(new SiteDrift(), List.of("aa", "bb"));
        days.day(1, "aa");
        days.day(2, "aa", "bb");
        days.day(3, "aa");
        assertThat(days.day(4, "aa").isEmpty()).isTrue();
        assertThat(days.day(5, "aa").goneSites()).containsExactly("bb");
    }

    @Test
    void daysThatWereNotPolledDoNotCountAsAbsence() {
        SiteDrift drift = new SiteDrift();

        SiteDrift.Findings found = drift.dayAnswered(D1, List.of("aa"), List.of("aa", "bb"), d -> Set.of());

        assertThat(found.isEmpty()).isTrue();
    }

    @Test
    void withoutAListTheSitesOfTheLastSevenDaysAreTheReference() {
        Days days = new Days(new SiteDrift(), List.of());

        assertThat(days.day(1, "aa", "bb", "cc").isEmpty()).as("no history yet: nothing is new").isTrue();
        SiteDrift.Findings second = days.day(2, "aa", "bb", "cc", "zz");
        assertThat(second.newSites()).containsExactly("zz");
        assertThat(second.againstList()).isFalse();
        assertThat(days.day(3, "aa", "bb", "zz").isEmpty()).isTrue();
        assertThat(days.day(4, "aa", "bb", "zz").isEmpty()).isTrue();
        SiteDrift.Findings fifth = days.day(5, "aa", "bb", "zz");
        assertThat(fifth.goneSites()).containsExactly("cc");
        assertThat(days.day(6, "aa", "bb", "zz").isEmpty()).isTrue();
        assertThat(days.drift.goneCount()).isEqualTo(1);
        assertThat(days.drift.newCount()).as("without a list a site is new on its first day only").isZero();
    }

    @Test
    void withoutAListASiteSeenMoreThanSevenDaysAgoIsNewAgain() {
        Days days = new Days(new SiteDrift(), List.of());
        days.day(1, "aa", "old");
        for (int n = 2; n <= 9; n++) {
            days.day(n, "aa");
        }
        assertThat(days.drift.goneCount()).as("out of the history, it is nothing any more").isZero();

        assertThat(days.day(10, "aa", "old").newSites()).containsExactly("old");
    }

    @Test
    void withoutAListGoneNeedsTheDaysBeforeToHaveBeenAnswered() {
        SiteDrift drift = new SiteDrift();
        drift.dayAnswered(D1, List.of("aa", "bb"), List.of(), d -> Set.of());

        SiteDrift.Findings later = drift.dayAnswered(D1.plusDays(4), List.of("aa"), List.of(), d -> Set.of());

        assertThat(later.goneSites()).as("days 2-4 were not answered").isEmpty();
    }

    @Test
    void theStateIsBoundedInSitesAndDays() {
        SiteDrift drift = new SiteDrift();
        for (int n = 0; n < 30; n++) {
            List<String> sites = new ArrayList<>();
            for (int s = 0; s < 300; s++) {
                sites.add("site-" + n + "-" + s);
            }
            drift.dayAnswered(D1.plusDays(n), sites, List.of(), d -> Set.of());
        }

        assertThat(drift.seen).hasSizeLessThanOrEqualTo(SiteDrift.MAX_SITES);
        assertThat(drift.reportedNew).hasSizeLessThanOrEqualTo(SiteDrift.MAX_SITES);
        assertThat(drift.answeredDays).hasSizeLessThanOrEqualTo(SiteDrift.HISTORY_DAYS + 1);
        assertThat(drift.seen).containsKey("site-29-0").doesNotContainKey("site-0-0");
        assertThat(DriftText.write(drift).length()).as("a fraction of the 256 KB state document").isLessThan(48 * 1024);
    }

    @Test
    void theTextReadsBackToTheSameDriftWhichReportsNothingAgain() {
        Days days = new Days(new SiteDrift(), List.of("aa", "bb"));
        days.day(1, "aa", "zz");
        days.day(2, "aa", "zz");
        days.day(3, "aa", "zz");
        String text = DriftText.write(days.drift);

        Days restored = new Days(DriftText.read(text), List.of("aa", "bb"));
        restored.missing.putAll(days.missing);

        assertThat(DriftText.write(restored.drift)).isEqualTo(text);
        assertThat(restored.drift.newCount()).isEqualTo(1);
        assertThat(restored.drift.goneCount()).isEqualTo(1);
        assertThat(restored.day(4, "aa", "zz").isEmpty()).isTrue();
    }

    @Test
    void anUnreadableStoredDriftStartsAfreshWithOneWarning() {
        try (LogCapture logs = LogCapture.start()) {
            SiteDrift drift = DriftWatch.restore(Map.of("site_drift", "{\"days\": 3}"));

            assertThat(drift.answeredDays).isEmpty();
            assertThat(logs.warningsAndErrors()).singleElement().asString()
                    .contains("site_drift").contains("starts afresh");
        }
    }

    @Test
    void theWarnLineNamesTheSitesAndTheFix() {
        String line = DriftWatch.line(new SiteDrift.Findings(D1, List.of("zz lib"), List.of("bb lib", "cc lib"),
                true));

        assertThat(line).isEqualTo("Site drift on 2026-11-01: 1 new site(s) in ShopperTrak's answer but not in the "
                + "all-sites list: zz lib; 2 site(s) of the all-sites list gone (absent from 3 answers in a row): "
                + "bb lib, cc lib. Update the all-sites list (ALL_SITES_S3_BUCKET/ALL_SITES_S3_RESOURCE; on a "
                + "Connect worker shoppertrak.sites) to match ShopperTrak; each site is reported once");
    }

    @Test
    void aDayComparedBeforeReportsNothingAgainWithOrWithoutAList() {
        Days unlisted = new Days(new SiteDrift(), List.of());
        unlisted.day(1, "aa", "bb");
        unlisted.day(2, "aa", "bb", "cc");

        assertThat(unlisted.day(2, "aa", "bb", "cc").isEmpty()).as("a restart inside day 2").isTrue();
        assertThat(unlisted.day(1, "aa", "bb").isEmpty()).as("an offset set back").isTrue();
        assertThat(unlisted.drift.newCount()).isEqualTo(1);

        Days listed = new Days(new SiteDrift(), List.of("aa"));
        listed.day(1, "aa", "zz");
        for (int n = 1; n <= 2; n++) {
            assertThat(listed.day(n, "aa", "zz").isEmpty()).isTrue();
        }
        assertThat(listed.day(3, "aa", "zz").isEmpty()).as("still the same new site: once only").isTrue();
    }

    @Test
    void withoutAListAHistoryAtItsCapReportsNoFalseNewSites() {
        Days days = new Days(new SiteDrift(), List.of());
        String[] sites = new String[SiteDrift.MAX_SITES + 500];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = String.format("site %05d", i);
        }
        for (int n = 1; n <= 4; n++) {
            assertThat(days.day(n, sites).newSites()).as("day %d", n).isEmpty();
        }
    }
}
