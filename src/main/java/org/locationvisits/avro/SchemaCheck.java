package org.locationvisits.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up checks of a LocationVisits schema: every field must be one of ours with a type that can hold
 * its value, or have a default. Fails with a {@link SchemaException} that says what to change, so a bad
 * schema stops the job before the first record rather than on it.
 */
final class SchemaCheck {
    private static final Logger log = LoggerFactory.getLogger(LocationVisitsEncoder.class);

    private SchemaCheck() {
    }

    /** How to read visits as records of {@code schema}; warns about our fields the schema lacks. */
    static LocationVisitData dataFor(Schema schema, RecordGeneration generation) {
        LocationVisitData data = new LocationVisitData(generation, schema.getFields().size());
        Set<LocationVisitField> unused = EnumSet.copyOf(LocationVisitField.of(generation));
        for (Schema.Field f : schema.getFields()) {
            LocationVisitField known = LocationVisitField.byName(f.name());
            if (known != null) {
                ours(data, f.pos(), known, f.schema());
                unused.remove(known);
            } else {
                data.theirs(f.pos(), checkedDefault(f));
            }
        }
        if (!unused.isEmpty()) {
            log.warn("The LocationVisits schema ({} generation) has no field {}; those values are not sent",
                    generation.lowerName(), unused.stream().map(LocationVisitField::fieldName).toList());
        }
        return data;
    }

    private static void ours(LocationVisitData data, int pos, LocationVisitField field, Schema type) {
        List<Schema> branches = type.getType() == Schema.Type.UNION ? type.getTypes() : List.of(type);
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
        data.ours(pos, field, type, valueBranch, nullBranch);
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

    /** The default of a field we do not fill, encoded once here so a bad one fails at start-up. */
    private static Object checkedDefault(Schema.Field f) {
        if (!f.hasDefaultValue()) {
            if (f.schema().getType() == Schema.Type.NULL) {
                return null; // null is its only value
            }
            throw new SchemaException("The schema field '" + f.name() + "' (" + f.schema()
                    + ") is not a LocationVisits field and has no default, so records cannot fill it."
                    + " Give it a default in the schema, or remove it.");
        }
        try {
            Object value = GenericData.get().getDefaultValue(f);
            new GenericDatumWriter<>(f.schema(), GenericData.get())
                    .write(value, EncoderFactory.get().directBinaryEncoder(new ByteArrayOutputStream(), null));
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SchemaException("Cannot encode the default of schema field '" + f.name() + "': "
                    + e.getMessage() + ". Fix the default in the schema.", e);
        }
    }
}
