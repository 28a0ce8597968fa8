package org.locationvisits.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationvisits.datalake.ArchivedAnswer;
import org.locationvisits.shoppertrak.TrafficRow;

/** Which archived answers a replay reads, and whose rows stand for each site. No network. */
class ReplaySelectionTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);

    private static ArchivedAnswer allSites(String time) {
        return new ArchivedAnswer(DAY, null, Instant.parse(time), "allsites_" + time);
    }

    private static ArchivedAnswer site(String id, String time) {
        return new ArchivedAnswer(DAY, id, Instant.parse(time), "site_" + id + "_" + time);
    }

    private static TrafficRow row(String site, int enters) {
        return new TrafficRow(site, 1, "2024-03-25T10:00:00", enters, enters, true);
    }

    @Test
    void readsTheNewestAllSitesAnswerAndTheNewestAnswerOfEachSite() {
        ArchivedAnswer oldAll = allSites("2024-03-26T06:00:00Z");
        ArchivedAnswer newAll = allSites("2024-03-27T06:00:00Z");
        ArchivedAnswer aaOld = site("aa lib", "2024-03-26T07:00:00Z");
        ArchivedAnswer aaNew = site("aa lib", "2024-03-28T07:00:00Z");
        ArchivedAnswer bx = site("bronx lib", "2024-03-27T07:00:00Z");

        DayAnswers day = DayAnswers.select(DAY, List.of(oldAll, aaOld, newAll, bx, aaNew), null);

        assertThat(day.allSites()).isEqualTo(newAll);
        assertThat(day.siteAnswers()).containsExactly(bx, aaNew);
        assertThat(day.archived()).isEqualTo(5);
    }

    @Test
    void withASiteKeepsOnlyThatSitesAnswers() {
        ArchivedAnswer all = allSites("2024-03-26T06:00:00Z");
        ArchivedAnswer aa = site("aa lib", "2024-03-26T07:00:00Z");

        DayAnswers day = DayAnswers.select(DAY, List.of(all, aa, site("bronx lib", "2024-03-26T08:00:00Z")),
                "aa lib");

        assertThat(day.allSites()).isEqualTo(all);
        assertThat(day.siteAnswers()).containsExactly(aa);
    }

    @Test
    void aDayOfSiteAnswersOnlyIsReplayableForOneOfThoseSitesNotForAll() {
        List<ArchivedAnswer> answers = List.of(site("aa lib", "2024-03-26T07:00:00Z"));

        assertThat(DayAnswers.select(DAY, answers, null).replayable(null)).isFalse();
        assertThat(DayAnswers.select(DAY, answers, null).whyNot()).contains("no allsites answer");
        assertThat(DayAnswers.select(DAY, answers, "aa lib").replayable("aa lib")).isTrue();
        assertThat(DayAnswers.select(DAY, answers, "bronx lib").replayable("bronx lib")).isFalse();
        assertThat(DayAnswers.select(DAY, List.of(), null).whyNot()).isEqualTo("no archived answer");
    }

    @Test
    void aLaterSiteAnswerReplacesThatSitesAllSitesRows() {
        AnswerRows all = new AnswerRows(allSites("2024-03-26T06:00:00Z"), List.of(row("aa lib", 1), row("bronx lib", 2)));
        AnswerRows aa = new AnswerRows(site("aa lib", "2024-03-26T07:00:00Z"), List.of(row("aa lib", 9)));

        DayMerge merge = DayMerge.of(all, List.of(aa));

        assertThat(merge.parts()).extracting(AnswerRows::rows).containsExactly(
                List.of(row("bronx lib", 2)), List.of(row("aa lib", 9)));
        assertThat(merge.rows()).isEqualTo(2);
        assertThat(merge.superseded()).isEmpty();
    }

    @Test
    void anEarlierSiteAnswerIsSupersededByTheAllSitesAnswerThatHoldsItsSite() {
        AnswerRows all = new AnswerRows(allSites("2024-03-27T06:00:00Z"), List.of(row("aa lib", 1)));
        AnswerRows aa = new AnswerRows(site("aa lib", "2024-03-26T07:00:00Z"), List.of(row("aa lib", 9)));

        DayMerge merge = DayMerge.of(all, List.of(aa));

        assertThat(merge.parts()).extracting(AnswerRows::rows).containsExactly(List.of(row("aa lib", 1)));
        assertThat(merge.superseded()).containsExactly(aa.answer());
    }

    @Test
    void anEarlierSiteAnswerOfASiteMissingFromAllSitesIsKept() {
        AnswerRows all = new AnswerRows(allSites("2024-03-27T06:00:00Z"), List.of(row("aa lib", 1)));
        AnswerRows bx = new AnswerRows(site("bronx lib", "2024-03-26T07:00:00Z"), List.of(row("bronx lib", 9)));

        DayMerge merge = DayMerge.of(all, List.of(bx));

        assertThat(merge.rows()).isEqualTo(2);
        assertThat(merge.superseded()).isEmpty();
    }

    @Test
    void pollDateIsTheNewYorkDateOfTheFetchAndSiteAnswersAreRecovery() {
        // 02:30 UTC on the 26th is still the 25th in New York.
        AnswerRows late = new AnswerRows(site("aa lib", "2024-03-26T02:30:00Z"), List.of());

        assertThat(late.pollDate()).isEqualTo("2024-03-25");
        assertThat(late.recovery()).isTrue();
        assertThat(new AnswerRows(allSites("2024-03-26T06:00:00Z"), List.of()).recovery()).isFalse();
    }
}
