package org.locationvisits.record;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.offsets.DayPosition;
import org.locationvisits.offsets.PlacedDay;

/**
 * Turns rows into source records of the task's record generation. In a day's batch only the last record carries
 * that day as its offset; every earlier one carries the previous day and its position in the day. Connect (and the
 * embedded runner) commit an offset only when every record before it is acknowledged, so a day is marked delivered
 * only once all of its rows are, and a restart resumes after the longest acknowledged prefix. Recovered rows all
 * carry the offset as it stands: recovery never moves it.
 */
public final class DayRecords {
    private final LocalDate pollDate;
    private final String topic;
    private final RecordGeneration generation;
    private final MissingDataRule missing;

    public DayRecords(LocalDate pollDate, String topic, RecordGeneration generation, MissingDataRule missing) {
        this.pollDate = pollDate;
        this.topic = topic;
        this.generation = generation;
        this.missing = missing;
    }

    /**
     * A day's batch: its rows not yet delivered, in key order ({@link PlacedDay#unsent()}). Every record is of the main partition, so a Connect worker commits its offset only once every record
     * before it is acknowledged: every record but the last carries the previous day as {@code last_poll_date} and
     * its own position in the day; the last carries the day. Each also carries the task's {@code state} (its
     * recovery memory and call count).
     */
    public List<SourceRecord> day(LocalDate day, List<DayPosition.Placed> placed, Map<String, Object> state) {
        List<TrafficRow> sent = new ArrayList<>(placed.size());
        List<Map<String, Object>> offsets = new ArrayList<>(placed.size());
        for (int i = 0; i < placed.size(); i++) {
            sent.add(placed.get(i).row());
            offsets.add(i == placed.size() - 1 ? with(SourceOffsets.offset(day), state)
                    : placed.get(i).position().offset(state));
        }
        return records(sent, false, offsets);
    }

    /**
     * Recovered rows: every record carries the offset as it stands ({@code stays}: {@code last_poll_date} and any
     * position inside the next day) with the task's state {@code before} the batch but the last, which carries the
     * state {@code after} it.
     */
    public List<SourceRecord> recovered(Map<String, ?> stays, List<TrafficRow> rows, Map<String, Object> before,
                                        Map<String, Object> after) {
        List<Map<String, Object>> offsets = new ArrayList<>(java.util.Collections.nCopies(rows.size(),
                with(stays, before)));
        if (!rows.isEmpty()) {
            offsets.set(rows.size() - 1, with(stays, after));
        }
        return records(rows, true, offsets);
    }

    /** The main offset of a day handed out without records. */
    public static Map<String, Object> dayWithoutRecords(LocalDate day, Map<String, Object> state) {
        return with(SourceOffsets.offset(day), state);
    }

    private static Map<String, Object> with(Map<String, ?> offset, Map<String, Object> state) {
        Map<String, Object> merged = new LinkedHashMap<>(offset);
        merged.putAll(state);
        return java.util.Collections.unmodifiableMap(merged);
    }

    private List<SourceRecord> records(List<TrafficRow> rows, boolean recovery, List<Map<String, Object>> offsets) {
        String poll = pollDate.toString();
        List<SourceRecord> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TrafficRow row = rows.get(i);
            LocationVisit visit = visit(row, recovery, poll, generation, missing);
            records.add(new SourceRecord(SourceOffsets.PARTITION, offsets.get(i), topic, null,
                    Schema.STRING_SCHEMA, visit.key(), LocationVisitsConnect.connectSchema(generation),
                    LocationVisitsConnect.toStruct(visit, generation)));
        }
        return records;
    }

    /**
     * The one place a row becomes a visit, wherever it goes (the task's records, a replay, the fetch command).
     * Only the current generation has is_missing_data; the first never asks, so never warns of unknown hours.
     */
    public static LocationVisit visit(TrafficRow row, boolean recovery, String pollDate, RecordGeneration generation,
                                      MissingDataRule missing) {
        boolean isMissing = generation == RecordGeneration.CURRENT && missing.isMissing(row);
        return LocationVisit.of(row, recovery, isMissing, pollDate);
    }
}
