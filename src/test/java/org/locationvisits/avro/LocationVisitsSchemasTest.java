package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class LocationVisitsSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String envelope(Object schema) throws Exception {
        return JSON.writeValueAsString(Map.of("data", Map.of("schema", schema, "name", "LocationVisits")));
    }

    @Test
    void bundledIsTheLocationVisitsRecordWithEightFields() {
        Schema schema = LocationVisitsSchemas.bundled();

        assertThat(schema.getName()).isEqualTo("LocationVisits");
        assertThat(schema.getFields()).extracting(Schema.Field::name).containsExactly("shoppertrak_site_id",
                "orbit", "increment_start", "enters", "exits", "is_healthy_orbit", "is_recovery_data", "poll_date");
    }

    @Test
    void readsTheSchemaStringFromThePlatformEnvelope() throws Exception {
        Schema bundled = LocationVisitsSchemas.bundled();

        assertThat(LocationVisitsSchemas.fromEnvelope(envelope(bundled.toString()))).isEqualTo(bundled);
    }

    @Test
    void acceptsASchemaGivenAsAJsonObject() throws Exception {
        Schema bundled = LocationVisitsSchemas.bundled();
        Object asObject = JSON.readValue(bundled.toString(), Map.class);

        assertThat(LocationVisitsSchemas.fromEnvelope(envelope(asObject))).isEqualTo(bundled);
    }

    @Test
    void refusesAnAnswerThatIsNotJson() {
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope("<html>Bad gateway</html>"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("<html>Bad gateway</html>")
                .hasMessageContaining("LOCATION_VISITS_SCHEMA_URL");
    }

    @Test
    void refusesAnEmptyAnswer() {
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope(" "))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesAnAnswerWithoutDataSchema() {
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope("{\"data\": {\"name\": \"LocationVisits\"}}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("no data.schema");
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope("{\"schema\": \"{}\"}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("no data.schema");
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope("[1, 2]"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("no data.schema");
    }

    @Test
    void refusesASchemaStringThatIsNotValidAvro() throws Exception {
        String noType = "{\"type\": \"record\", \"name\": \"LocationVisits\", \"fields\": [{\"name\": \"orbit\"}]}";

        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope(envelope("{not avro")))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not a valid Avro schema");
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope(envelope(noType)))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not a valid Avro schema");
    }

    @Test
    void refusesASchemaThatIsNotARecord() throws Exception {
        assertThatThrownBy(() -> LocationVisitsSchemas.fromEnvelope(envelope("\"string\"")))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("is an Avro string, not a record");
    }
}
