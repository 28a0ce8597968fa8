package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.locationvisits.avro.TestSchemas.FULL;
import static org.locationvisits.avro.TestSchemas.NULLS;
import static org.locationvisits.avro.TestSchemas.bundledWith;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocationVisitsConverterTest {

    @ParameterizedTest
    @EnumSource(RecordGeneration.class)
    void writesTheEncodersBytesForAStructOfItsGeneration(RecordGeneration generation) {
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled(generation));
        LocationVisitsConverter converter = new LocationVisitsConverter(LocationVisitsSchemas.bundled(generation));

        for (LocationVisit v : new LocationVisit[] {FULL, NULLS, missing(FULL)}) {
            Struct struct = LocationVisitsConnect.toStruct(v, generation);

            assertThat(converter.fromConnectData("visits", struct.schema(), struct))
                    .isEqualTo(encoder.encode(LocationVisitsConnect.fromStruct(struct)))
                    .isEqualTo(encoder.encode(v));
        }
    }

    @ParameterizedTest
    @EnumSource(RecordGeneration.class)
    void writesTheEncodersBytesForAStructOfTheOtherGeneration(RecordGeneration generation) {
        RecordGeneration other = generation == RecordGeneration.FIRST ? RecordGeneration.CURRENT : RecordGeneration.FIRST;
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled(generation));
        Struct struct = LocationVisitsConnect.toStruct(FULL, other);

        byte[] bytes = new LocationVisitsConverter(encoder).fromConnectData("visits", struct.schema(), struct);

        assertThat(bytes).isEqualTo(encoder.encode(LocationVisitsConnect.fromStruct(struct)));
    }

    @Test
    void writesTheSameBytesForASchemalessMapWithLongNumbers() {
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
        Map<String, Object> map = new HashMap<>();
        map.put("shoppertrak_site_id", "0815");
        map.put("orbit", 2L);
        map.put("increment_start", "2024-03-01T09:15:00");
        map.put("enters", 17L);
        map.put("exits", 12L);
        map.put("is_healthy_orbit", true);
        map.put("is_recovery_data", false);
        map.put("poll_date", "2024-03-02");

        assertThat(new LocationVisitsConverter(encoder).fromConnectData("visits", null, map))
                .isEqualTo(encoder.encode(FULL));
    }

    @ParameterizedTest
    @EnumSource(RecordGeneration.class)
    void readsBackTheStructItWrote(RecordGeneration generation) {
        LocationVisitsConverter converter = new LocationVisitsConverter(LocationVisitsSchemas.bundled(generation));
        for (LocationVisit v : new LocationVisit[] {FULL, NULLS}) {
            Struct struct = LocationVisitsConnect.toStruct(v, generation);

            SchemaAndValue back = converter.toConnectData("visits",
                    converter.fromConnectData("visits", struct.schema(), struct));

            assertThat(back.schema()).isEqualTo(LocationVisitsConnect.connectSchema(generation));
            assertThat(back.value()).isEqualTo(struct);
        }
    }

    @Test
    void refusesAValueThatIsNoStructOrMapNamingItsClass() {
        LocationVisitsConverter converter = new LocationVisitsConverter(LocationVisitsSchemas.bundled());

        assertThatThrownBy(() -> converter.fromConnectData("visits", null, "0815|2|2024-03-01T09:15:00"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("LocationVisits Struct or Map")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void refusesAStructWithoutARequiredFieldNamingIt() {
        Map<String, Object> map = new HashMap<>(Map.of("shoppertrak_site_id", "0815", "poll_date", "2024-03-02"));

        assertThatThrownBy(() -> new LocationVisitsConverter(LocationVisitsSchemas.bundled())
                .fromConnectData("visits", null, map))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'increment_start'");
    }

    @Test
    void refusesAValueTheSchemaCannotHoldAsADataException() {
        LocationVisitsConverter converter = new LocationVisitsConverter(
                bundledWith("enters", "{\"name\":\"enters\",\"type\":\"int\"}"));
        Struct struct = LocationVisitsConnect.toStruct(NULLS);

        assertThatThrownBy(() -> converter.fromConnectData("visits", struct.schema(), struct))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'enters'")
                .hasMessageContaining("not nullable");
    }

    @Test
    void refusesBytesThatAreNotOneRecord() {
        LocationVisitsConverter converter = new LocationVisitsConverter(LocationVisitsSchemas.bundled());
        byte[] one = converter.fromConnectData("visits", null, LocationVisitsConnect.toStruct(FULL));
        byte[] twoRecords = new byte[one.length * 2];
        System.arraycopy(one, 0, twoRecords, 0, one.length);
        System.arraycopy(one, 0, twoRecords, one.length, one.length);

        assertThatThrownBy(() -> converter.toConnectData("visits", twoRecords))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not one LocationVisits record");
        assertThatThrownBy(() -> converter.toConnectData("visits", new byte[] {0x02, '1'}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topic visits");
    }

    @Test
    void passesNullsThrough() {
        LocationVisitsConverter converter = new LocationVisitsConverter(LocationVisitsSchemas.bundled());

        assertThat(converter.fromConnectData("visits", null, null)).isNull();
        assertThat(converter.toConnectData("visits", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void configuresTheSchemaFromSchemaUrlWithTheBundledFirstGenerationByDefault() {
        LocationVisitsConverter converter = new LocationVisitsConverter();
        Struct current = LocationVisitsConnect.toStruct(FULL, RecordGeneration.CURRENT);

        converter.configure(Map.of(), false);
        assertThat(converter.fromConnectData("t", null, current))
                .isEqualTo(new LocationVisitsEncoder(LocationVisitsSchemas.bundled()).encode(FULL));

        converter.configure(Map.of(LocationVisitsConverter.SCHEMA_URL_CONFIG, "bundled:current"), false);
        assertThat(converter.fromConnectData("t", null, current)).isEqualTo(
                new LocationVisitsEncoder(LocationVisitsSchemas.bundled(RecordGeneration.CURRENT)).encode(FULL));
        assertThat(converter.config().names()).containsExactly(LocationVisitsConverter.SCHEMA_URL_CONFIG);
    }

    @Test
    void refusesAConfigurationNamingNoSchema() {
        assertThatThrownBy(() -> new LocationVisitsConverter()
                .configure(Map.of(LocationVisitsConverter.SCHEMA_URL_CONFIG, "bundled:second"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("names no bundled schema");
        assertThatThrownBy(() -> new LocationVisitsConverter().fromConnectData("t", null, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }

    private static LocationVisit missing(LocationVisit v) {
        return new LocationVisit(v.shoppertrakSiteId(), v.orbit(), v.incrementStart(), v.enters(), v.exits(),
                v.isHealthyOrbit(), false, true, v.pollDate());
    }
}
