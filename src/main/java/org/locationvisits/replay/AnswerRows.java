package org.locationvisits.replay;

import java.time.LocalDate;
import java.util.List;

import org.locationvisits.datalake.ArchivedAnswer;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.source.SourceConfig;

/**
 * The rows of one archived answer, and what their records take from it: {@code poll_date} is the New York date
 * the answer was fetched on (the run that sent it), and rows of a {@code site/{id}} answer are recovery data.
 */
public record AnswerRows(ArchivedAnswer answer, List<TrafficRow> rows) {
    public boolean recovery() {
        return !answer.allSites();
    }

    public String pollDate() {
        return LocalDate.ofInstant(answer.fetchedAt(), SourceConfig.ZONE).toString();
    }
}
