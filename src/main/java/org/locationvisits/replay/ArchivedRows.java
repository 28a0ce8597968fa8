package org.locationvisits.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.locationvisits.datalake.ArchivedAnswer;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.shoppertrak.ParseOutcome;
import org.locationvisits.shoppertrak.TrafficDataException;
import org.locationvisits.shoppertrak.TrafficParser;
import org.locationvisits.shoppertrak.TrafficRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses archived answers with the main job's parser, for the day of their folder; only site rows if asked. */
final class ArchivedRows {
    private static final Logger log = LoggerFactory.getLogger(ArchivedRows.class);

    private final DataLakeReader lake;
    private final TrafficParser parser = new TrafficParser();
    private final String site;

    /** @param site keep only this site's rows, or null for all */
    ArchivedRows(DataLakeReader lake, String site) {
        this.lake = lake;
        this.site = site == null ? null : site.strip();
    }

    /** @throws ReplayException when the answer cannot be read or is not a day of traffic */
    AnswerRows read(ArchivedAnswer answer) {
        List<TrafficRow> rows = new ArrayList<>();
        String where = "Archived answer " + answer.key();
        try (InputStream in = lake.open(answer)) {
            ParseOutcome outcome = parser.parse(in, answer.day(), row -> {
                if (site == null || site.equals(row.siteId())) {
                    rows.add(row);
                }
            });
            if (outcome instanceof ParseOutcome.ApiError error) {
                throw new ReplayException(where + " holds ShopperTrak error " + error.code() + ", not traffic");
            }
            ((ParseOutcome.Parsed) outcome).warnings().log(log, answer.day());
        } catch (TrafficDataException | UncheckedIOException e) {
            throw new ReplayException(where + " cannot be replayed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReplayException(where + " could not be read: " + e, e);
        }
        return new AnswerRows(answer, List.copyOf(rows));
    }
}
