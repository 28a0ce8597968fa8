package org.locationvisits.source;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * Turns one day's rows into source records. Only the day's last record carries that day as its offset;
 * every earlier one carries the previous day. Connect (and the embedded runner) commit an offset only when
 * every record before it is acknowledged, so a day is marked delivered only once all of its rows are.
 */
final class DayRecords {
    private DayRecords() {
    }

    static List<SourceRecord> of(LocalDate day, List<TrafficRow> rows, LocalDate pollDate, String topic) {
        String poll = pollDate.toString();
        var before = SourceOffsets.offset(day.minusDays(1));
        var complete = SourceOffsets.offset(day);
        List<SourceRecord> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            LocationVisit visit = LocationVisit.of(rows.get(i), false, poll);
            var offset = i == rows.size() - 1 ? complete : before;
            records.add(new SourceRecord(SourceOffsets.PARTITION, offset, topic, null,
                    Schema.STRING_SCHEMA, visit.key(), LocationVisitsConnect.connectSchema(),
                    LocationVisitsConnect.toStruct(visit)));
        }
        return records;
    }
}
