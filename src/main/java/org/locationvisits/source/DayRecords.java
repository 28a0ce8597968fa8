package org.locationvisits.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * Turns rows into source records of the task's record generation. In a day's batch only the last record carries
 * that day as its offset; every earlier one carries the previous day and its position in the day. Connect (and the
 * embedded runner) commit an offset only when every record before it is acknowledged, so a day is marked delivered
 * only once all of its rows are, and a restart resumes after the longest acknowledged prefix. Recovered rows all
 * carry the offset as it stands: recovery never moves it.
 */
final class DayRecords {
    private final LocalDate pollDate;
    private final String topic;
    private final RecordGeneration generation;
    private final MissingDataRule missing;

    DayRecords(LocalDate pollDate, String topic, RecordGeneration generation, MissingDataRule missing) {
        this.pollDate = pollDate;
        this.topic = topic;
        this.generation = generation;
        this.missing = missing;
    }

    /** A partition and its offset that a record of a batch carries besides the batch's own. */
    record Carried(Map<String, ?> partition, Map<String, ?> offset) { }

    /**
     * A day's batch, in key order ({@link DayPosition}), without the rows {@code resumeAfter} covers (delivered
     * before a restart). Every record but the last carries the previous day as {@code last_poll_date} and its own
     * position in the day; the last carries the day. {@code carried} offsets ride on its first records, never on
     * the last; a batch too small to carry one leaves it out (the task still knows it; it is only not stored with
     * this batch).
     */
    List<SourceRecord> day(LocalDate day, List<TrafficRow> rows, List<Carried> carried,
                           Optional<DayPosition> resumeAfter) {
        List<DayPosition.Placed> placed = DayPosition.place(day, rows);
        if (resumeAfter.isPresent()) {
            placed = placed.stream().filter(p -> !resumeAfter.get().covers(p.position())).toList();
        }
        List<TrafficRow> sent = placed.stream().map(DayPosition.Placed::row).toList();
        List<Carried> positions = placed.stream()
                .map(p -> new Carried(SourceOffsets.PARTITION, p.position().offset())).toList();
        return records(sent, false, positions, new Carried(SourceOffsets.PARTITION, SourceOffsets.offset(day)),
                carried);
    }

    /** Recovered rows: every record carries the offset as it stands but the last, which carries {@code last}. */
    List<SourceRecord> recovered(LocalDate offsetStays, List<TrafficRow> rows, Carried last, List<Carried> carried) {
        Carried stays = new Carried(SourceOffsets.PARTITION, SourceOffsets.offset(offsetStays));
        return records(rows, true, java.util.Collections.nCopies(rows.size(), stays), last, carried);
    }

    private List<SourceRecord> records(List<TrafficRow> rows, boolean recovery, List<Carried> before, Carried last,
                                       List<Carried> carried) {
        String poll = pollDate.toString();
        List<SourceRecord> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TrafficRow row = rows.get(i);
            LocationVisit visit = LocationVisit.of(row, recovery, isMissing(row), poll);
            Carried offset = i == rows.size() - 1 ? last : i < carried.size() ? carried.get(i) : before.get(i);
            records.add(new SourceRecord(offset.partition(), offset.offset(), topic, null,
                    Schema.STRING_SCHEMA, visit.key(), LocationVisitsConnect.connectSchema(generation),
                    LocationVisitsConnect.toStruct(visit, generation)));
        }
        return records;
    }

    /** Only the current generation has is_missing_data; the first never asks, so never warns of unknown hours. */
    private boolean isMissing(TrafficRow row) {
        return generation == RecordGeneration.CURRENT && missing.isMissing(row);
    }
}
