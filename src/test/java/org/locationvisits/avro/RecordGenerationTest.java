package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class RecordGenerationTest {
    private static final LocationVisit MISSING = new LocationVisit("aa lib", 1, "2026-11-20T10:15:00", 0, 0, false,
            false, true, "2026-11-21");
    private static final LocationVisit RECOVERED = new LocationVisit("bb lib", null, "2026-11-20T00:00:00", 3, null,
            true, true, false, "2026-11-21");

    @Test
    void theSchemaDecidesTheGenerationByItsFieldNames() {
        assertThat(RecordGeneration.of(LocationVisitsSchemas.bundled())).isEqualTo(RecordGeneration.FIRST);
        assertThat(RecordGeneration.of(LocationVisitsSchemas.bundled(RecordGeneration.CURRENT)))
                .isEqualTo(RecordGeneration.CURRENT);
        assertThat(RecordGeneration.of(TestSchemas.recordWith("{\"name\":\"is_fresh\",\"type\":\"boolean\"}")))
                .isEqualTo(RecordGeneration.CURRENT);
    }

    /** What the current Python poller writes for these values: a hand-built record through Avro's own writer. */
    @Test
    void currentGenerationBytesEqualAvrosWriterOfThePythonRecord() throws Exception {
        Schema schema = LocationVisitsSchemas.bundled(RecordGeneration.CURRENT);
        GenericRecord python = new GenericData.Record(schema);
        python.put("shoppertrak_site_id", "aa lib");
        python.put("orbit", 1);
        python.put("increment_start", "2026-11-20 10:15:00");
        python.put("enters", 0);
        python.put("exits", 0);
        python.put("is_healthy_data", false);
        python.put("is_missing_data", true);
        python.put("is_fresh", true);
        python.put("poll_date", "2026-11-21");

        assertThat(new LocationVisitsEncoder(schema).encode(MISSING)).isEqualTo(bytes(schema, python));
    }

    @Test
    void firstGenerationKeepsTheIsoTimeAndMarksRecoveredRecords() throws Exception {
        Schema schema = LocationVisitsSchemas.bundled();
        GenericRecord python = new GenericData.Record(schema);
        python.put("shoppertrak_site_id", "bb lib");
        python.put("orbit", null);
        python.put("increment_start", "2026-11-20T00:00:00");
        python.put("enters", 3);
        python.put("exits", null);
        python.put("is_healthy_orbit", true);
        python.put("is_recovery_data", true);
        python.put("poll_date", "2026-11-21");

        assertThat(new LocationVisitsEncoder(schema).encode(RECOVERED)).isEqualTo(bytes(schema, python));
    }

    @Test
    void aFetchedCurrentSchemaInAnotherOrderWritesTheSameValues() throws Exception {
        Schema reordered = TestSchemas.recordWith(String.join(",",
                "{\"name\":\"poll_date\",\"type\":\"string\"}",
                "{\"name\":\"is_fresh\",\"type\":\"boolean\"}",
                "{\"name\":\"increment_start\",\"type\":\"string\"}",
                "{\"name\":\"is_missing_data\",\"type\":\"boolean\"}",
                "{\"name\":\"shoppertrak_site_id\",\"type\":\"string\"}",
                "{\"name\":\"orbit\",\"type\":[\"null\",\"int\"]}",
                "{\"name\":\"is_healthy_data\",\"type\":\"boolean\"}",
                "{\"name\":\"enters\",\"type\":[\"null\",\"int\"]}",
                "{\"name\":\"exits\",\"type\":[\"null\",\"int\"]}",
                "{\"name\":\"extra\",\"type\":\"string\",\"default\":\"x\"}"));
        GenericRecord decoded = TestSchemas.decode(reordered, new LocationVisitsEncoder(reordered).encode(MISSING));

        assertThat(decoded.get("increment_start")).hasToString("2026-11-20 10:15:00");
        assertThat(decoded.get("is_missing_data")).isEqualTo(true);
        assertThat(decoded.get("is_fresh")).isEqualTo(true);
        assertThat(decoded.get("is_healthy_data")).isEqualTo(false);
        assertThat(decoded.get("extra")).hasToString("x");
    }

    @Test
    void connectStructsCarryTheGenerationsFieldsAndReadBackEitherWay() {
        Struct current = LocationVisitsConnect.toStruct(MISSING, RecordGeneration.CURRENT);
        assertThat(current.schema().fields()).extracting(f -> f.name()).containsExactly("shoppertrak_site_id",
                "orbit", "increment_start", "enters", "exits", "is_healthy_data", "is_missing_data", "is_fresh",
                "poll_date");
        assertThat(current.getString("increment_start")).isEqualTo("2026-11-20 10:15:00");
        assertThat(LocationVisitsConnect.fromStruct(current)).isEqualTo(MISSING);

        Struct first = LocationVisitsConnect.toStruct(RECOVERED, RecordGeneration.FIRST);
        assertThat(first.schema().field("is_missing_data")).isNull();
        assertThat(LocationVisitsConnect.fromStruct(first)).isEqualTo(RECOVERED);
    }

    @Test
    void aSinkOfEitherGenerationEncodesTheOthersStructs() {
        LocationVisit fromCurrent = LocationVisitsConnect.fromStruct(
                LocationVisitsConnect.toStruct(MISSING, RecordGeneration.CURRENT));
        LocationVisit fromFirst = LocationVisitsConnect.fromStruct(
                LocationVisitsConnect.toStruct(MISSING, RecordGeneration.FIRST));

        LocationVisitsEncoder current = new LocationVisitsEncoder(LocationVisitsSchemas.bundled(RecordGeneration.CURRENT));
        assertThat(current.encode(fromFirst)).isEqualTo(current.encode(new LocationVisit("aa lib", 1,
                "2026-11-20T10:15:00", 0, 0, false, false, false, "2026-11-21")));
        assertThat(current.encode(fromCurrent)).isEqualTo(current.encode(MISSING));
    }

    @Test
    void bundledSchemasAreChosenByName() {
        assertThat(LocationVisitsSchemas.bundledFor("")).contains(LocationVisitsSchemas.bundled());
        assertThat(LocationVisitsSchemas.bundledFor("bundled:current"))
                .contains(LocationVisitsSchemas.bundled(RecordGeneration.CURRENT));
        assertThat(LocationVisitsSchemas.bundledFor("bundled:first")).contains(LocationVisitsSchemas.bundled());
        assertThat(LocationVisitsSchemas.bundledFor("https://platform.example.org/schema")).isEmpty();
        assertThatThrownBy(() -> LocationVisitsSchemas.bundledFor("bundled:second"))
                .isInstanceOf(SchemaException.class).hasMessageContaining("bundled:current");
    }

    private static byte[] bytes(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, enc);
        enc.flush();
        return out.toByteArray();
    }
}
