package org.locationvisits.avro;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.apache.avro.Schema;
import org.locationvisits.common.SafeUrl;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Connect {@link Converter} for LocationVisits values: the schemaless Avro the main job puts on Kinesis (one
 * record, no container header, no schema id), so a Connect user can put the stream's exact bytes on a topic
 * with {@code value.converter=org.locationvisits.avro.LocationVisitsConverter}. The bytes are those of
 * {@link LocationVisitsEncoder} for the configured schema.
 *
 * <p>{@link #fromConnectData} takes a LocationVisits {@link Struct} of either record generation, or a
 * schemaless {@link Map}, read as {@link LocationVisitsConnect} reads them. {@link #toConnectData} decodes such
 * bytes into a Struct of the schema's generation.
 *
 * <p>Not thread-safe (it reuses the encoder's buffer and one decoder); a worker gives each task its own
 * converter, and the embedded runner uses one per thread.
 */
public final class LocationVisitsConverter implements Converter {
    /** The Avro schema's URL, fetched as {@link SchemaFetcher#resolve} does; empty for the bundled schema. */
    public static final String SCHEMA_URL_CONFIG = "schema.url";
    private static final ConfigDef CONFIG_DEF = new ConfigDef().define(SCHEMA_URL_CONFIG, ConfigDef.Type.STRING, "",
            ConfigDef.Importance.MEDIUM, "URL of the Platform API LocationVisits schema (what LOCATION_VISITS_SCHEMA_URL"
                    + " names for the main job). Empty uses the bundled first-generation schema; bundled:first or"
                    + " bundled:current name a bundled one. Record fields are matched by name.");

    private LocationVisitsEncoder encoder;
    private GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;

    /** For a Connect worker, which then calls {@link #configure}. */
    public LocationVisitsConverter() {
    }

    /** Ready to use, writing what {@code encoder} writes; {@link #configure} is not needed. */
    public LocationVisitsConverter(LocationVisitsEncoder encoder) {
        use(Objects.requireNonNull(encoder, "encoder"));
    }

    /** @throws SchemaException when the schema cannot hold LocationVisits records */
    public LocationVisitsConverter(Schema schema) {
        this(new LocationVisitsEncoder(schema));
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    /** Resolves {@code schema.url}; the same for keys and values, though only values are LocationVisits. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        String url = new AbstractConfig(CONFIG_DEF, configs, false).getString(SCHEMA_URL_CONFIG);
        try {
            use(new LocationVisitsEncoder(SchemaFetcher.resolve(url, new SchemaFetcher(new OkHttpClient()))));
        } catch (SchemaException e) {
            throw new ConfigException(SCHEMA_URL_CONFIG, SafeUrl.of(url), e.getMessage());
        }
    }

    private void use(LocationVisitsEncoder encoder) {
        this.encoder = encoder;
        this.reader = new GenericDatumReader<>(encoder.schema());
    }

    /**
     * The schemaless Avro of {@code value}, or null for a null value (a tombstone).
     *
     * @throws DataException when the value is no LocationVisits Struct or Map, lacks a required field, or holds
     *                       a value the schema cannot (e.g. no enters where the schema declares a plain int)
     */
    @Override
    public byte[] fromConnectData(String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
        LocationVisitsEncoder encoder = encoder();
        if (value == null) {
            return null;
        }
        LocationVisit visit;
        if (value instanceof Struct struct) {
            visit = LocationVisitsConnect.fromStruct(struct);
        } else if (value instanceof Map<?, ?> map) {
            visit = LocationVisitsConnect.fromMap(map);
        } else {
            throw new DataException("LocationVisitsConverter expects a " + LocationVisitsConnect.SCHEMA_NAME
                    + " Struct or Map as the value of a record for topic " + topic + ", got "
                    + value.getClass().getName());
        }
        try {
            return encoder.encode(visit);
        } catch (SchemaException e) {
            throw new DataException(e.getMessage(), e);
        }
    }

    /**
     * The LocationVisits Struct (of the schema's generation) in {@code value}; {@link SchemaAndValue#NULL} for null.
     *
     * @throws DataException when the bytes are not exactly one record of the schema
     */
    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        RecordGeneration generation = encoder().generation();
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        GenericRecord record;
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes are left after the record");
            }
        } catch (IOException | RuntimeException e) {
            throw new DataException("The value of a record from topic " + topic + " (" + value.length
                    + " bytes) is not one LocationVisits record of the " + generation.lowerName()
                    + "-generation schema in use: " + e.getMessage(), e);
        }
        Map<String, Object> fields = new HashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
            fields.put(f.name(), record.get(f.pos()));
        }
        return new SchemaAndValue(LocationVisitsConnect.connectSchema(generation),
                LocationVisitsConnect.toStruct(LocationVisitsConnect.fromMap(fields), generation));
    }

    private LocationVisitsEncoder encoder() {
        if (encoder == null) {
            throw new IllegalStateException("LocationVisitsConverter is not configured: call configure() first,"
                    + " or build it with an encoder or schema");
        }
        return encoder;
    }
}
