package org.locationvisits.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes visits as the Avro binary of one record with no container header (what fastavro's
 * {@code schemaless_writer} writes), so consumers decode it with the schema alone.
 *
 * <p>Fields are matched by name, so a schema may order its fields differently and add fields of
 * its own, as long as those have defaults. Everything about the schema is worked out once in the
 * constructor, which fails with a {@link SchemaException} if the schema cannot be filled; encoding
 * then only walks a precomputed plan, with no per-record GenericRecord.
 *
 * <p>Not thread-safe: it reuses one buffer and encoder. Use one instance per thread.
 */
public final class LocationVisitsEncoder {
    private static final Logger log = LoggerFactory.getLogger(LocationVisitsEncoder.class);

    private final Schema schema;
    private final RecordGeneration generation;
    private final FieldStep[] plan;
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
        this.plan = planFor(schema, generation);
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
            for (FieldStep step : plan) {
                step.write(v, encoder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("An in-memory buffer cannot fail; this is a bug", e);
        }
    }

    private static FieldStep[] planFor(Schema schema, RecordGeneration generation) {
        List<FieldStep> steps = new ArrayList<>();
        Set<LocationVisitField> unused = EnumSet.copyOf(LocationVisitField.of(generation));
        for (Schema.Field f : schema.getFields()) {
            LocationVisitField known = LocationVisitField.byName(f.name());
            if (known != null) {
                steps.add(knownStep(known, generation, f.schema()));
                unused.remove(known);
            } else {
                steps.add(new FieldStep.Constant(encodedDefault(f)));
            }
        }
        if (!unused.isEmpty()) {
            log.warn("The LocationVisits schema ({} generation) has no field {}; those values are not sent",
                    generation.lowerName(), unused.stream().map(LocationVisitField::fieldName).toList());
        }
        return steps.toArray(new FieldStep[0]);
    }

    private static FieldStep knownStep(LocationVisitField field, RecordGeneration generation, Schema type) {
        List<Schema> branches = type.getType() == Schema.Type.UNION ? type.getTypes() : List.of(type);
        boolean union = type.getType() == Schema.Type.UNION;
        int nullBranch = -1;
        int valueBranch = -1;
        Schema.Type valueType = null;
        for (int i = 0; i < branches.size(); i++) {
            Schema branch = branches.get(i);
            if (branch.getType() == Schema.Type.NULL) {
                nullBranch = i;
            } else if (holds(field, branch) && (valueType == null || branch.getType() == Schema.Type.INT)) {
                // An int value prefers an int branch over a long one, as Avro's own writer does.
                valueBranch = i;
                valueType = branch.getType();
            }
        }
        String declared = type.toString();
        if (valueType == null) {
            throw new SchemaException("The schema declares field '" + field.fieldName() + "' as " + declared
                    + ", which cannot hold its " + field.kind().name().toLowerCase() + " value; declare it "
                    + expected(field) + " as in the bundled LocationVisits schema.");
        }
        if (field.optional() && nullBranch < 0) {
            log.warn("The schema declares field '{}' as {}, which is not nullable; a visit without {} will fail"
                    + " to encode", field.fieldName(), declared, field.fieldName());
        }
        int vb = union ? valueBranch : -1;
        int nb = union ? nullBranch : -1;
        switch (valueType) {
            case STRING:
                return new FieldStep.StringField(field, generation, vb, nb, declared);
            case INT:
                return new FieldStep.IntField(field, generation, vb, nb, declared);
            case LONG:
                return new FieldStep.LongField(field, generation, vb, nb, declared);
            case BOOLEAN:
                return new FieldStep.BooleanField(field, generation, vb, nb, declared);
            default:
                throw new IllegalStateException("unexpected " + valueType);
        }
    }

    /**
     * Whether values of {@code field} can be written as {@code branch}. A logical type (date,
     * uuid, ...) would make readers interpret our plain value as something else, so it is refused.
     */
    private static boolean holds(LocationVisitField field, Schema branch) {
        if (branch.getLogicalType() != null) {
            return false;
        }
        switch (field.kind()) {
            case STRING:
                return branch.getType() == Schema.Type.STRING;
            case INT:
                return branch.getType() == Schema.Type.INT || branch.getType() == Schema.Type.LONG;
            case BOOLEAN:
                return branch.getType() == Schema.Type.BOOLEAN;
            default:
                return false;
        }
    }

    private static String expected(LocationVisitField field) {
        switch (field.kind()) {
            case STRING:
                return "\"string\"";
            case INT:
                return "[\"null\",\"int\"]";
            default:
                return "\"boolean\"";
        }
    }

    /** The default of a field we do not fill, as Avro binary; encoded here once, copied per record. */
    private static byte[] encodedDefault(Schema.Field f) {
        if (!f.hasDefaultValue()) {
            if (f.schema().getType() == Schema.Type.NULL) {
                return new byte[0]; // null is its only value and takes no bytes
            }
            throw new SchemaException("The schema field '" + f.name() + "' (" + f.schema()
                    + ") is not a LocationVisits field and has no default, so records cannot fill it."
                    + " Give it a default in the schema, or remove it.");
        }
        try {
            Object value = GenericData.get().getDefaultValue(f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
            new GenericDatumWriter<>(f.schema(), GenericData.get()).write(value, out);
            return bytes.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SchemaException("Cannot encode the default of schema field '" + f.name() + "': "
                    + e.getMessage() + ". Fix the default in the schema.", e);
        }
    }
}
