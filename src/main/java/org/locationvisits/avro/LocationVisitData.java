package org.locationvisits.avro;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * Lets Avro's {@link org.apache.avro.generic.GenericDatumWriter} write a {@link LocationVisit} as a record of one
 * schema, reading each field straight from the visit, so no GenericRecord is built per record. Made by
 * {@link SchemaCheck}, which has already made sure the schema can hold every value handed out here.
 *
 * <p>Not thread-safe: it keeps the UTF-8 form of the last string of each field.
 */
final class LocationVisitData extends GenericData {
    private final RecordGeneration generation;
    /** By schema position: our field there, or null for a field of the schema's own (its default is written). */
    private final LocationVisitField[] fields;
    private final Object[] defaults;
    /** By schema position: the schema's declared type when it is not nullable, else null. */
    private final String[] notNullable;
    /**
     * Our fields' unions, by identity, to the branches of our value and of null (-1 if none), worked out once:
     * Avro would not put an int in a long branch, and looks each branch up by name on every record.
     */
    private final Map<Schema, int[]> branches = new IdentityHashMap<>();
    private final String[] lastString;
    private final Utf8[] lastUtf8;

    LocationVisitData(RecordGeneration generation, int size) {
        this.generation = generation;
        this.fields = new LocationVisitField[size];
        this.defaults = new Object[size];
        this.notNullable = new String[size];
        this.lastString = new String[size];
        this.lastUtf8 = new Utf8[size];
    }

    void ours(int pos, LocationVisitField field, Schema type, int valueBranch, int nullBranch) {
        fields[pos] = field;
        notNullable[pos] = nullBranch >= 0 ? null : type.toString();
        if (type.getType() == Schema.Type.UNION) {
            branches.put(type, new int[] {valueBranch, nullBranch});
        }
    }

    void theirs(int pos, Object defaultValue) {
        defaults[pos] = defaultValue;
    }

    @Override
    public Object getField(Object record, String name, int pos) {
        if (!(record instanceof LocationVisit v)) {
            // A record inside a field's default (a schema's own field of record type): Avro's own reading.
            return super.getField(record, name, pos);
        }
        LocationVisitField field = fields[pos];
        if (field == null) {
            return defaults[pos];
        }
        Object value = field.get(v, generation);
        if (value == null) {
            if (notNullable[pos] != null) {
                throw new SchemaException("Cannot encode visit " + v.key() + ": field '" + field.fieldName()
                        + "' has no value but the schema declares it " + notNullable[pos]
                        + ", which is not nullable. Make it nullable in the schema (a union with \"null\").");
            }
            return null;
        }
        return value instanceof String s ? utf8(pos, s) : value;
    }

    @Override
    public Object getField(Object record, String name, int pos, Object state) {
        return record instanceof LocationVisit ? getField(record, name, pos) : super.getField(record, name, pos, state);
    }

    /** Site ID and poll date repeat for many rows in a row, so most records reuse the last encoding. */
    private Utf8 utf8(int pos, String s) {
        if (!s.equals(lastString[pos])) {
            lastUtf8[pos] = new Utf8(s);
            lastString[pos] = s;
        }
        return lastUtf8[pos];
    }

    @Override
    public int resolveUnion(Schema union, Object datum) {
        int[] ours = branches.get(union);
        if (ours == null) {
            return super.resolveUnion(union, datum);
        }
        // getField has already refused a null where the union has no null branch.
        return datum == null ? ours[1] : ours[0];
    }
}
