package org.locationvisits.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Schemas and reference Avro codecs shared by the tests of this package. */
final class TestSchemas {
    static final LocationVisit FULL = new LocationVisit("0815", 2, "2024-03-01T09:15:00", 17, 12, true, false,
            "2024-03-02");
    static final LocationVisit NULLS = new LocationVisit("ab cd é", null, "2024-03-01T09:30:00", null, null, false,
            true, "2024-03-02");

    private TestSchemas() {
    }

    static Schema resource(String name) {
        try (InputStream in = TestSchemas.class.getResourceAsStream("/avro/" + name)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A LocationVisits record schema with the given fields (a JSON array body). */
    static Schema recordWith(String fieldsJson) {
        return new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"LocationVisits\",\"fields\":[" + fieldsJson + "]}");
    }

    /** The bundled fields, with {@code replacement} swapped in for the field called {@code name}. */
    static Schema bundledWith(String name, String replacement) {
        StringBuilder fields = new StringBuilder();
        for (Schema.Field f : LocationVisitsSchemas.bundled().getFields()) {
            if (fields.length() > 0) {
                fields.append(',');
            }
            fields.append(f.name().equals(name) ? replacement
                    : "{\"name\":\"" + f.name() + "\",\"type\":" + f.schema() + "}");
        }
        return recordWith(fields.toString());
    }

    /** What Avro's own writer produces for {@code v}, schema defaults filling the fields we lack. */
    static byte[] referenceBytes(Schema schema, LocationVisit v) throws IOException {
        GenericRecordBuilder b = new GenericRecordBuilder(schema);
        RecordGeneration generation = RecordGeneration.of(schema);
        for (LocationVisitField f : LocationVisitField.values()) {
            if (schema.getField(f.fieldName()) != null) {
                b.set(f.fieldName(), f.get(v, generation));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(b.build(), enc);
        enc.flush();
        return out.toByteArray();
    }

    /** Decodes with nothing but the schema, as a downstream consumer does. */
    static GenericRecord decode(Schema schema, byte[] bytes) throws IOException {
        return new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
