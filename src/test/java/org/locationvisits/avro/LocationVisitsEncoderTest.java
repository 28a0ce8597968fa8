package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.locationvisits.avro.TestSchemas.FULL;
import static org.locationvisits.avro.TestSchemas.NULLS;
import static org.locationvisits.avro.TestSchemas.bundledWith;
import static org.locationvisits.avro.TestSchemas.decode;
import static org.locationvisits.avro.TestSchemas.recordWith;
import static org.locationvisits.avro.TestSchemas.referenceBytes;
import static org.locationvisits.avro.TestSchemas.resource;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.generic.GenericDatumReader;
import org.junit.jupiter.api.Test;
import org.locationvisits.testsupport.LogCapture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LocationVisitsEncoderTest {

    static Stream<Schema> schemas() {
        return Stream.of(LocationVisitsSchemas.bundled(), resource("reordered.avsc"),
                resource("with-added-fields.avsc"));
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void decodesWithPlainGenericDatumReaderGivenOnlyTheSchema(Schema schema) throws Exception {
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(schema);

        for (LocationVisit v : List.of(FULL, NULLS)) {
            GenericRecord r = decode(schema, encoder.encode(v));

            assertThat(r.get("shoppertrak_site_id")).hasToString(v.shoppertrakSiteId());
            assertThat(r.get("orbit")).isEqualTo(v.orbit());
            assertThat(r.get("increment_start")).hasToString(v.incrementStart());
            assertThat(r.get("enters")).isEqualTo(v.enters());
            assertThat(r.get("exits")).isEqualTo(v.exits());
            assertThat(r.get("is_healthy_orbit")).isEqualTo(v.isHealthyOrbit());
            assertThat(r.get("is_recovery_data")).isEqualTo(v.isRecoveryData());
            assertThat(r.get("poll_date")).hasToString(v.pollDate());
        }
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void writesTheSameBytesAsGenericDatumWriter(Schema schema) throws Exception {
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(schema);

        for (LocationVisit v : List.of(FULL, NULLS, FULL)) {
            assertThat(encoder.encode(v)).isEqualTo(referenceBytes(schema, v));
        }
    }

    @Test
    void writesTheKnownSchemalessBytesForTheBundledSchema() {
        LocationVisit v = new LocationVisit("1", 1, "2", null, 3, true, false, "3");

        byte[] bytes = new LocationVisitsEncoder(LocationVisitsSchemas.bundled()).encode(v);

        // zig-zag lengths/ints and union indexes, no header: what fastavro.schemaless_writer writes
        assertThat(bytes).containsExactly(0x02, '1', 0x02, 0x02, 0x02, '2', 0x00, 0x02, 0x06, 0x01, 0x00, 0x02, '3');
    }

    @Test
    void encodesByFieldNameWhenTheSchemaReordersFields() throws Exception {
        Schema reordered = resource("reordered.avsc");

        byte[] bytes = new LocationVisitsEncoder(reordered).encode(FULL);

        assertThat(bytes).isNotEqualTo(new LocationVisitsEncoder(LocationVisitsSchemas.bundled()).encode(FULL));
        GenericRecord r = decode(reordered, bytes);
        assertThat(r.get("poll_date")).hasToString("2024-03-02");
        assertThat(r.get("exits")).isEqualTo(12);
        assertThat(r.get("shoppertrak_site_id")).hasToString("0815");
    }

    @Test
    void aFieldOfItsOwnOfRecordTypeIsWrittenAsItsDefaultWhereverItStands() throws Exception {
        // Avro writes a nested record by reading its fields: that reading must not be taken for the visit's.
        for (int at : new int[] {1, LocationVisitsSchemas.bundled().getFields().size()}) {
            Schema schema = withMetaAt(at);
            byte[] bytes = new LocationVisitsEncoder(schema).encode(FULL);
            assertThat(bytes).isEqualTo(referenceBytes(schema, FULL));
            assertThat(decode(schema, bytes).get("meta")).hasToString("{\"src\": \"x\"}");
        }
    }

    /** The bundled schema with a field of its own, of record type with a default, at position {@code at}. */
    private static Schema withMetaAt(int at) {
        Schema bundled = LocationVisitsSchemas.bundled();
        Schema meta = Schema.createRecord("Meta", null, "test", false,
                List.of(new Schema.Field("src", Schema.create(Schema.Type.STRING))));
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : bundled.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(at, new Schema.Field("meta", meta, null, java.util.Map.of("src", "x")));
        return Schema.createRecord(bundled.getName(), null, bundled.getNamespace(), false, fields);
    }

    @Test
    void fillsFieldsItDoesNotKnowWithTheirSchemaDefaults() throws Exception {
        Schema schema = resource("with-added-fields.avsc");

        GenericRecord r = decode(schema, new LocationVisitsEncoder(schema).encode(NULLS));

        assertThat(r.get("source")).hasToString("shoppertrak");
        assertThat(r.get("schema_version")).isEqualTo(2);
        assertThat(r.get("is_estimate")).isEqualTo(true);
        assertThat(r.get("note")).isNull();
        assertThat(r.get("loaded_at")).isEqualTo(-1L);
        assertThat(r.get("tags")).asString().isEqualTo("[a, b]");
        assertThat(r.get("enters")).isNull();
        assertThat(r.get("is_recovery_data")).isEqualTo(true);
    }

    @Test
    void refusesAtConstructionAFieldWithoutDefaultItCannotFill() {
        Schema schema = bundledWith("poll_date",
                "{\"name\":\"poll_date\",\"type\":\"string\"},{\"name\":\"branch_code\",\"type\":\"string\"}");

        assertThatThrownBy(() -> new LocationVisitsEncoder(schema))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("'branch_code'")
                .hasMessageContaining("no default");
    }

    @Test
    void refusesAKnownFieldWhoseTypeCannotHoldOurValue() {
        Schema schema = bundledWith("orbit", "{\"name\":\"orbit\",\"type\":\"string\"}");

        assertThatThrownBy(() -> new LocationVisitsEncoder(schema))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("'orbit'")
                .hasMessageContaining("\"string\"");
    }

    @Test
    void refusesAKnownFieldWithALogicalTypeThatWouldChangeItsMeaning() {
        Schema schema = bundledWith("enters",
                "{\"name\":\"enters\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}]}");

        assertThatThrownBy(() -> new LocationVisitsEncoder(schema))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("'enters'");
    }

    @Test
    void refusesASchemaThatIsNotARecord() {
        assertThatThrownBy(() -> new LocationVisitsEncoder(Schema.create(Schema.Type.STRING)))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("record");
    }

    @Test
    void failsANullValueForANonNullableFieldNamingItAndThenEncodesTheNextRecordCleanly() throws Exception {
        Schema schema = bundledWith("enters", "{\"name\":\"enters\",\"type\":\"int\"}");
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(schema);

        assertThatThrownBy(() -> encoder.encode(NULLS))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("'enters'")
                .hasMessageContaining(NULLS.key());
        assertThat(encoder.encode(FULL)).isEqualTo(referenceBytes(schema, FULL));
    }

    @Test
    void failsANullRequiredStringNamingIt() {
        LocationVisit noSite = new LocationVisit(null, 1, "2024-03-01T09:15:00", 1, 1, true, false, "2024-03-02");

        assertThatThrownBy(() -> new LocationVisitsEncoder(LocationVisitsSchemas.bundled()).encode(noSite))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("'shoppertrak_site_id'");
    }

    @Test
    void writesOurIntsIntoFieldsDeclaredLong() throws Exception {
        Schema schema = bundledWith("exits", "{\"name\":\"exits\",\"type\":[\"null\",\"long\"]}");

        byte[] bytes = new LocationVisitsEncoder(schema).encode(FULL);

        assertThat(decode(schema, bytes).get("exits")).isEqualTo(12L);
        // int and long share the zig-zag varint, so the bytes are those of the bundled schema
        assertThat(bytes).isEqualTo(new LocationVisitsEncoder(LocationVisitsSchemas.bundled()).encode(FULL));
    }

    @Test
    void leavesOutOurFieldsTheSchemaDoesNotHave() throws Exception {
        Schema schema = recordWith("{\"name\":\"shoppertrak_site_id\",\"type\":\"string\"},"
                + "{\"name\":\"enters\",\"type\":[\"null\",\"int\"]}");

        GenericRecord r = decode(schema, new LocationVisitsEncoder(schema).encode(FULL));

        assertThat(r.get("shoppertrak_site_id")).hasToString("0815");
        assertThat(r.get("enters")).isEqualTo(17);
    }

    @Test
    void warnsAtConstructionAboutOurFieldsTheSchemaLacksAndAboutNonNullableOptionalOnes() {
        Schema schema = recordWith("{\"name\":\"shoppertrak_site_id\",\"type\":\"string\"},"
                + "{\"name\":\"enters\",\"type\":\"int\"}");

        try (LogCapture logs = LogCapture.start()) {
            new LocationVisitsEncoder(schema);

            assertThat(logs.text())
                    .contains("The LocationVisits schema (first generation) has no field [orbit, increment_start,"
                            + " exits, is_healthy_orbit, is_recovery_data, poll_date]; those values are not sent")
                    .contains("The schema declares field 'enters' as \"int\", which is not nullable; a visit"
                            + " without enters will fail to encode");
        }
    }

    @Test
    void putsOurIntInThePlainLongBranchWhenTheIntBranchHasALogicalType() throws Exception {
        Schema schema = bundledWith("exits",
                "{\"name\":\"exits\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"},\"long\"]}");

        byte[] bytes = new LocationVisitsEncoder(schema).encode(FULL);

        assertThat(decode(schema, bytes).get("exits")).isEqualTo(12L);
    }

    @Test
    void encodeToAppendsRecordsThatDecodeOneAfterAnother() throws Exception {
        Schema schema = LocationVisitsSchemas.bundled();
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        encoder.encodeTo(FULL, out);
        encoder.encodeTo(NULLS, out);

        BinaryDecoder in = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
        assertThat(reader.read(null, in).get("enters")).isEqualTo(17);
        assertThat(reader.read(null, in).get("enters")).isNull();
        assertThat(in.isEnd()).isTrue();
    }
}
