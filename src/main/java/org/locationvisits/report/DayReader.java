package org.locationvisits.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.datalake.ArchivedAnswer;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.shoppertrak.ParseOutcome;
import org.locationvisits.shoppertrak.TrafficDataException;
import org.locationvisits.shoppertrak.TrafficParser;
import org.locationvisits.shoppertrak.TrafficRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;

/** Reads one day's archived answers, oldest first, into a {@link DayTally}. Safe for concurrent days. */
final class DayReader {
    private static final Logger log = LoggerFactory.getLogger(DayReader.class);

    /**
     * What the archive holds for a day: the tallies of every site with a row, how many answers were read, and
     * whether one of them was the day's allsites answer (only such a day says which sites ShopperTrak answered).
     */
    record Day(LocalDate day, int increments, Map<String, Map<Integer, Tally>> tallies, int answers,
               int unreadable, boolean allSitesRead) {
    }

    private final DataLakeReader lake;
    private final MissingDataRule rule;

    DayReader(DataLakeReader lake, MissingDataRule rule) {
        this.lake = lake;
        this.rule = rule;
    }

    Day read(LocalDate day) {
        DayTally tally = new DayTally(day, rule);
        TrafficParser parser = new TrafficParser();
        List<ArchivedAnswer> answers = lake.answers(day);
        int unreadable = 0;
        boolean allSitesRead = false;
        List<TrafficRow> rows = new ArrayList<>();
        for (ArchivedAnswer answer : answers) {
            rows.clear();
            // Buffered: the parser may find an answer untrustworthy after handing out some of its rows.
            if (parse(parser, answer, rows)) {
                tally.startAnswer(answer.allSites());
                allSitesRead |= answer.allSites();
                rows.forEach(tally::accept);
            } else {
                unreadable++;
            }
        }
        if (tally.outsideIncrements() > 0) {
            log.warn("{}: {} row(s) start at no increment of the day (off the quarter hour, in the DST gap, or a "
                    + "repeated start); not counted", day, tally.outsideIncrements());
        }
        return new Day(day, tally.increments(), tally.tallies(), answers.size(), unreadable, allSitesRead);
    }

    private boolean parse(TrafficParser parser, ArchivedAnswer answer, List<TrafficRow> rows) {
        try (InputStream in = lake.open(answer)) {
            ParseOutcome outcome = parser.parse(in, answer.day(), rows::add);
            if (outcome instanceof ParseOutcome.Parsed) {
                return true;
            }
            log.warn("{} is an error answer, not traffic ({}); skipped", answer.key(), outcome);
        } catch (TrafficDataException | IOException | UncheckedIOException e) {
            log.warn("{} could not be read ({}); skipped", answer.key(), e.getMessage());
        } catch (SdkException e) {
            throw new IllegalStateException("Reading " + lake.location() + " failed at " + answer.key() + ": "
                    + e.getMessage(), e);
        }
        return false;
    }
}
