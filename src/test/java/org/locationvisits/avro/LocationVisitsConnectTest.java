package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.locationvisits.avro.TestSchemas.FULL;
import static org.locationvisits.avro.TestSchemas.NULLS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class LocationVisitsConnectTest {

    @Test
    void connectSchemaIsTheLocationVisitsStruct() {
        Schema schema = LocationVisitsConnect.connectSchema();

        assertThat(schema.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(schema.name()).isEqualTo("LocationVisits");
        assertThat(schema.field("shoppertrak_site_id").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("orbit").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(schema.field("enters").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(schema.field("exits").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(schema.field("is_healthy_orbit").schema()).isEqualTo(Schema.BOOLEAN_SCHEMA);
        assertThat(schema.field("poll_date").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.fields()).hasSize(8);
    }

    @Test
    void structRoundTripGivesBackTheSameVisit() {
        for (LocationVisit v : List.of(FULL, NULLS)) {
            Struct s = LocationVisitsConnect.toStruct(v);
            s.validate();
            assertThat(LocationVisitsConnect.fromStruct(s)).isEqualTo(v);
        }
    }

    @Test
    void survivesTheJsonConverterWithSchemasIntoTheSameBytes() {
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
        JsonConverter converter = converter(true);

        for (LocationVisit v : List.of(FULL, NULLS)) {
            byte[] json = converter.fromConnectData("visits", LocationVisitsConnect.connectSchema(),
                    LocationVisitsConnect.toStruct(v));
            SchemaAndValue back = converter.toConnectData("visits", json);

            LocationVisit decoded = LocationVisitsConnect.fromStruct((Struct) back.value());
            assertThat(decoded).isEqualTo(v);
            assertThat(encoder.encode(decoded)).isEqualTo(encoder.encode(v));
        }
    }

    @Test
    void survivesTheSchemalessJsonConverterAsAMapWithLongNumbers() {
        JsonConverter converter = converter(false);

        for (LocationVisit v : List.of(FULL, NULLS)) {
            byte[] json = converter.fromConnectData("visits", LocationVisitsConnect.connectSchema(),
                    LocationVisitsConnect.toStruct(v));
            Map<?, ?> map = (Map<?, ?>) converter.toConnectData("visits", json).value();

            if (v.orbit() != null) {
                assertThat(map.get("orbit")).isInstanceOf(Long.class);
            }
            assertThat(LocationVisitsConnect.fromMap(map)).isEqualTo(v);
        }
    }

    @Test
    void readsStructsByFieldNameWhateverTheOrderAndExtraFields() {
        Schema other = SchemaBuilder.struct().name("Other")
                .field("poll_date", Schema.STRING_SCHEMA)
                .field("extra", Schema.OPTIONAL_STRING_SCHEMA)
                .field("exits", Schema.OPTIONAL_INT64_SCHEMA)
                .field("is_recovery_data", Schema.BOOLEAN_SCHEMA)
                .field("is_healthy_orbit", Schema.BOOLEAN_SCHEMA)
                .field("increment_start", Schema.STRING_SCHEMA)
                .field("shoppertrak_site_id", Schema.STRING_SCHEMA)
                .build();
        Struct s = new Struct(other).put("poll_date", "2024-03-02").put("extra", "x").put("exits", 12L)
                .put("is_recovery_data", false).put("is_healthy_orbit", true)
                .put("increment_start", "2024-03-01T09:15:00").put("shoppertrak_site_id", "0815");

        assertThat(LocationVisitsConnect.fromStruct(s)).isEqualTo(
                new LocationVisit("0815", null, "2024-03-01T09:15:00", null, 12, true, false, "2024-03-02"));
    }

    @Test
    void refusesAStructMissingARequiredFieldNamingIt() {
        Schema noPollDate = SchemaBuilder.struct()
                .field("shoppertrak_site_id", Schema.STRING_SCHEMA)
                .field("increment_start", Schema.STRING_SCHEMA)
                .field("is_healthy_orbit", Schema.BOOLEAN_SCHEMA)
                .field("is_recovery_data", Schema.BOOLEAN_SCHEMA)
                .build();
        Struct s = new Struct(noPollDate).put("shoppertrak_site_id", "1").put("increment_start", "t")
                .put("is_healthy_orbit", true).put("is_recovery_data", false);

        assertThatThrownBy(() -> LocationVisitsConnect.fromStruct(s))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'poll_date'");
    }

    @Test
    void refusesANullRequiredFieldNamingIt() {
        Schema optionalSite = SchemaBuilder.struct()
                .field("shoppertrak_site_id", Schema.OPTIONAL_STRING_SCHEMA).build();

        assertThatThrownBy(() -> LocationVisitsConnect.fromStruct(new Struct(optionalSite)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'shoppertrak_site_id'");
    }

    @Test
    void readsMapsWithIntegerLongOrWholeDoubleNumbers() {
        Map<String, Object> m = mapOf(FULL);
        m.put("orbit", 2);
        m.put("enters", 17L);
        m.put("exits", 12.0);
        m.put("unknown", "ignored");

        assertThat(LocationVisitsConnect.fromMap(m)).isEqualTo(FULL);
    }

    @Test
    void readsAMissingOptionalMapEntryAsNull() {
        Map<String, Object> m = mapOf(FULL);
        m.remove("orbit");

        assertThat(LocationVisitsConnect.fromMap(m).orbit()).isNull();
    }

    @Test
    void refusesMapValuesThatAreMissingOrOfTheWrongTypeNamingTheField() {
        Map<String, Object> noSite = mapOf(FULL);
        noSite.remove("shoppertrak_site_id");
        Map<String, Object> fractional = mapOf(FULL);
        fractional.put("enters", 1.5);
        Map<String, Object> tooBig = mapOf(FULL);
        tooBig.put("exits", 1L << 40);
        Map<String, Object> stringFlag = mapOf(FULL);
        stringFlag.put("is_healthy_orbit", "true");

        assertThatThrownBy(() -> LocationVisitsConnect.fromMap(noSite))
                .isInstanceOf(DataException.class).hasMessageContaining("'shoppertrak_site_id'");
        assertThatThrownBy(() -> LocationVisitsConnect.fromMap(fractional))
                .isInstanceOf(DataException.class).hasMessageContaining("'enters'");
        assertThatThrownBy(() -> LocationVisitsConnect.fromMap(tooBig))
                .isInstanceOf(DataException.class).hasMessageContaining("'exits'");
        assertThatThrownBy(() -> LocationVisitsConnect.fromMap(stringFlag))
                .isInstanceOf(DataException.class).hasMessageContaining("'is_healthy_orbit'");
    }

    private static Map<String, Object> mapOf(LocationVisit v) {
        Map<String, Object> m = new HashMap<>();
        for (LocationVisitField f : LocationVisitField.of(RecordGeneration.FIRST)) {
            m.put(f.fieldName(), f.get(v));
        }
        return m;
    }

    private static JsonConverter converter(boolean schemas) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", schemas), false);
        return c;
    }
}
