package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrafficParserTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);

    private final TrafficParser parser = new TrafficParser();
    private final List<TrafficRow> rows = new ArrayList<>();

    private ParseOutcome parse(String xml) {
        return parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), DAY, rows::add);
    }

    private static String doc(String entranceAttr, String entrance, String traffic) {
        return "<?xml version=\"1.0\" ?>\n<sites>\n  <site siteID=\" aa lib \">\n    <date dateValue=\"20240325\">\n"
                + "      <entrance " + entranceAttr + "=\"" + entrance + "\">\n" + traffic
                + "      </entrance>\n    </date>\n  </site>\n</sites>\n";
    }

    private static String row(String code, String exits, String enters, String start) {
        return "<traffic code=\"" + code + "\" exits=\"" + exits + "\" enters=\"" + enters
                + "\" startTime=\"" + start + "\"/>\n";
    }

    @Test
    void parsesRowsWithTrimmedSiteIdOrbitAndIncrementStart() {
        ParseOutcome outcome = parse(doc("name", "EP 01", row("01", "3", "4", "091500")));

        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        assertThat(((ParseOutcome.Parsed) outcome).rows()).isEqualTo(1);
        assertThat(((ParseOutcome.Parsed) outcome).warnings().total()).isZero();
        assertThat(rows).containsExactly(new TrafficRow("aa lib", 1, "2024-03-25T09:15:00", 4, 3, true));
    }

    @Test
    void readsTheEntranceNameFromEntranceNameInApiV2() {
        parse(doc("entranceName", " EP02 ", row("01", "0", "0", "000000")));

        assertThat(rows).extracting(TrafficRow::orbit).containsExactly(2);
    }

    @Test
    void derivesOrbitFromEntranceNameFormats() {
        assertThat(TrafficValues.orbit("EP 01")).isEqualTo(1);
        assertThat(TrafficValues.orbit(" EP02 ")).isEqualTo(2);
        assertThat(TrafficValues.orbit("EP 1")).isEqualTo(1);
        assertThat(TrafficValues.orbit("E12")).isEqualTo(12);
        assertThat(TrafficValues.orbit("Main door")).isNull();
        assertThat(TrafficValues.orbit("EP")).isNull();
        assertThat(TrafficValues.orbit("EP 1A")).isNull();
    }

    @Test
    void makesOrbitNullWithAWarningWhenTheEntranceNameIsNotANumber() {
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(doc("name", "Main door",
                row("01", "1", "2", "100000") + row("01", "1", "2", "101500")));

        assertThat(rows).extracting(TrafficRow::orbit).containsExactly(null, null);
        assertThat(parsed.warnings().counts()).containsEntry(ParseWarnings.BAD_ORBIT, 1);
        assertThat(parsed.warnings().sample(ParseWarnings.BAD_ORBIT)).contains("Main door");
    }

    @Test
    void treatsCode02AsUnhealthyWithoutWarning() {
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(doc("name", "EP 01", row(" 02 ", "1", "1", "120000")));

        assertThat(rows.get(0).healthy()).isFalse();
        assertThat(parsed.warnings().total()).isZero();
    }

    @Test
    void treatsOtherOrBlankCodesAsUnhealthyWithAWarning() {
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(doc("name", "EP 01",
                row("03", "1", "1", "120000") + row("", "1", "1", "121500") + row(" 01 ", "1", "1", "123000")));

        assertThat(rows).extracting(TrafficRow::healthy).containsExactly(false, false, true);
        assertThat(parsed.warnings().counts()).containsEntry(ParseWarnings.BAD_CODE, 2);
        assertThat(parsed.warnings().sample(ParseWarnings.BAD_CODE)).contains("'03'");
    }

    @Test
    void makesBlankOrNonIntegerCountsNullWithAWarning() {
        ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) parse(doc("name", "EP 01",
                row("01", "", " 7 ", "120000") + row("01", "x", "2.5", "121500")));

        assertThat(rows).extracting(TrafficRow::enters).containsExactly(7, null);
        assertThat(rows).extracting(TrafficRow::exits).containsExactly(null, null);
        assertThat(parsed.warnings().counts()).containsEntry(ParseWarnings.BAD_COUNT, 3);
    }

    @Test
    void returnsTheApiErrorOfAMessageBody() {
        ParseOutcome outcome = parse("<?xml version=\"1.0\" ?><message><error> E108 </error>"
                + "<description>Server is busy</description></message>");

        assertThat(outcome).isEqualTo(new ParseOutcome.ApiError("E108", "Server is busy"));
        assertThat(rows).isEmpty();
    }

    @Test
    void decodesEscapedCharactersInTheErrorDescription() {
        ParseOutcome outcome = parse("<message><error>E999</error><description>Busy &amp; down &lt;now&gt;"
                + "</description></message>");

        assertThat(outcome).isEqualTo(new ParseOutcome.ApiError("E999", "Busy & down <now>"));
    }

    @Test
    void skipsDayWhenResponseDateDiffers() {
        String xml = doc("name", "EP 01", row("01", "1", "1", "120000")).replace("20240325", "20240326");

        assertThatThrownBy(() -> parse(xml)).isInstanceOf(TrafficDataException.class)
                .hasMessageContaining("20240326").hasMessageContaining("20240325");
    }

    @Test
    void failsWhenThereIsNoTrafficElement() {
        assertThatThrownBy(() -> parse(doc("name", "EP 01", "")))
                .isInstanceOf(TrafficDataException.class).hasMessageContaining("no traffic");
        assertThatThrownBy(() -> parse("<sites/>")).isInstanceOf(TrafficDataException.class);
    }

    @Test
    void failsOnMalformedXmlAfterHandingOutEarlierRows() {
        String xml = doc("name", "EP 01", row("01", "1", "1", "120000")).replace("</sites>", "");

        assertThatThrownBy(() -> parse(xml)).isInstanceOf(TrafficDataException.class)
                .hasMessageContaining("Malformed XML");
        // Callers buffer: a late error must still discard this row.
        assertThat(rows).hasSize(1);
    }

    @Test
    void failsOnAnUnexpectedRootOrAnEmptyBody() {
        assertThatThrownBy(() -> parse("<html><body>Gateway</body></html>"))
                .isInstanceOf(TrafficDataException.class).hasMessageContaining("<html>");
        assertThatThrownBy(() -> parse("")).isInstanceOf(TrafficDataException.class);
    }

    @Test
    void failsOnAnInvalidStartTime() {
        assertThatThrownBy(() -> parse(doc("name", "EP 01", row("01", "1", "1", "9:15"))))
                .isInstanceOf(TrafficDataException.class).hasMessageContaining("startTime '9:15'");
        assertThatThrownBy(() -> parse(doc("name", "EP 01", row("01", "1", "1", "250000"))))
                .isInstanceOf(TrafficDataException.class);
    }

    @Test
    void acceptsEscapedCharactersInSiteIds() {
        parse(doc("name", "EP 01", row("01", "1", "1", "120000")).replace(" aa lib ", "arts &amp; letters"));

        assertThat(rows.get(0).siteId()).isEqualTo("arts & letters");
    }

    @Test
    void parsesSeveralSitesAndEntrances() {
        String xml = "<sites><site siteID=\"a\"><date dateValue=\"20240325\">"
                + "<entrance name=\"EP 01\">" + row("01", "1", "2", "000000") + "</entrance>"
                + "<entrance name=\"EP 02\">" + row("01", "3", "4", "000000") + "</entrance>"
                + "</date></site><site siteID=\"b\"><date dateValue=\"20240325\">"
                + "<entrance name=\"EP 1\">" + row("02", "5", "6", "234500") + "</entrance></date></site></sites>";

        parse(xml);

        assertThat(rows).containsExactly(
                new TrafficRow("a", 1, "2024-03-25T00:00:00", 2, 1, true),
                new TrafficRow("a", 2, "2024-03-25T00:00:00", 4, 3, true),
                new TrafficRow("b", 1, "2024-03-25T23:45:00", 6, 5, false));
    }

    @Test
    void keepsTheRepeatedHourOfAFallBackDayAndCountsItOnce() {
        String twice = row("01", "1", "2", "010000") + row("01", "3", "4", "011500")
                + row("01", "5", "6", "010000") + row("02", "", "", "011500") + row("01", "0", "0", "020000");

        ParseOutcome outcome = parse(doc("name", "EP 01", twice));

        ParseWarnings warnings = ((ParseOutcome.Parsed) outcome).warnings();
        assertThat(rows).hasSize(5).extracting(TrafficRow::incrementStart).containsExactly(
                "2024-03-25T01:00:00", "2024-03-25T01:15:00", "2024-03-25T01:00:00", "2024-03-25T01:15:00",
                "2024-03-25T02:00:00");
        assertThat(rows.get(2).enters()).isEqualTo(6);
        assertThat(warnings.counts()).containsEntry(ParseWarnings.REPEATED_KEY, 2);
        assertThat(warnings.sample(ParseWarnings.REPEATED_KEY)).contains("aa lib").contains("orbit 1")
                .contains("2024-03-25T01:00:00");
    }

    @Test
    void doesNotCallTheSameTimeAtAnotherEntranceOrSiteRepeated() {
        String xml = "<sites><site siteID=\"a\"><date dateValue=\"20240325\">"
                + "<entrance name=\"EP 01\">" + row("01", "1", "1", "010000") + "</entrance>"
                + "<entrance name=\"EP 02\">" + row("01", "1", "1", "010000") + "</entrance></date></site>"
                + "<site siteID=\"b\"><date dateValue=\"20240325\">"
                + "<entrance name=\"EP 01\">" + row("01", "1", "1", "010000") + "</entrance></date></site></sites>";

        ParseOutcome outcome = parse(xml);

        assertThat(rows).hasSize(3);
        assertThat(((ParseOutcome.Parsed) outcome).warnings().total()).isZero();
    }
}
