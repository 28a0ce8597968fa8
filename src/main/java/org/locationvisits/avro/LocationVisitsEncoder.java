package org.locationvisits.avro;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Encodes visits as the Avro binary of one record with no container header (what fastavro's
 * {@code schemaless_writer} writes), so consumers decode it with the schema alone.
 *
 * <p>Fields are matched by name, so a schema may order its fields differently and add fields of
 * its own, as long as those have defaults. The constructor checks the schema once and fails with a
 * {@link SchemaException} if it cannot be filled; encoding is Avro's own {@link GenericDatumWriter},
 * reading each field straight from the visit ({@link LocationVisitData}), with no per-record GenericRecord.
 *
 * <p>Not thread-safe: it reuses one buffer and encoder. Use one instance per thread.
 */
public final class LocationVisitsEncoder {
    private final Schema schema;
    private final RecordGeneration generation;
    private final GenericDatumWriter<LocationVisit> writer;
    private final ReusableByteArrayOutputStream buffer = new ReusableByteArrayOutputStream(256);
    // Direct: no internal buffer to flush, and nothing left behind when a record fails halfway.
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);

    /** @throws SchemaException when the schema is not a record, or has a field we cannot fill */
    public LocationVisitsEncoder(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.getType() != Schema.Type.RECORD) {
            throw new SchemaException("The LocationVisits schema must be an Avro record, not " + schema.getType().getName());
        }
        this.schema = schema;
        this.generation = RecordGeneration.of(schema);
        this.writer = new GenericDatumWriter<>(schema, SchemaCheck.dataFor(schema, generation));
    }

    public Schema schema() {
        return schema;
    }

    /** The generation of records this encoder writes, decided by the schema's field names. */
    public RecordGeneration generation() {
        return generation;
    }

    /** The encoded record, in a new array the caller owns. */
    public byte[] encode(LocationVisit v) {
        encodeToBuffer(v);
        return buffer.toByteArray();
    }

    /** Appends the encoded record to {@code out}; nothing is written if {@code v} cannot be encoded. */
    public void encodeTo(LocationVisit v, OutputStream out) throws IOException {
        encodeToBuffer(v);
        out.write(buffer.array(), 0, buffer.size());
    }

    private void encodeToBuffer(LocationVisit v) {
        Objects.requireNonNull(v, "visit");
        buffer.reset();
        try {
            writer.write(v, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("An in-memory buffer cannot fail; this is a bug", e);
        }
    }
}
