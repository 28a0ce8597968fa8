package org.locationvisits.avro;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps visits to and from Connect data. The source task emits {@link #toStruct} values; the
 * Kinesis sink turns whatever the worker's converter hands back (a Struct, or a Map when the
 * converter runs without schemas) into the same {@link LocationVisit}, hence into the same bytes.
 * Reading is by field name, so field order and extra fields do not matter.
 */
public final class LocationVisitsConnect {
    public static final String SCHEMA_NAME = "LocationVisits";

    private static final Schema SCHEMA = buildSchema();
    private static final LocationVisitField[] FIELDS = LocationVisitField.values();

    private LocationVisitsConnect() {
    }

    /** A struct named {@value #SCHEMA_NAME}: strings and booleans required, orbit/enters/exits optional int32. */
    public static Schema connectSchema() {
        return SCHEMA;
    }

    public static Struct toStruct(LocationVisit v) {
        Struct s = new Struct(SCHEMA);
        for (LocationVisitField f : FIELDS) {
            s.put(f.fieldName(), f.get(v));
        }
        return s;
    }

    /** @throws DataException naming the field when a required field is missing, null or of the wrong type */
    public static LocationVisit fromStruct(Struct s) {
        if (s == null) {
            throw new DataException("Expected a " + SCHEMA_NAME + " struct, got null");
        }
        Object[] values = new Object[FIELDS.length];
        for (LocationVisitField f : FIELDS) {
            Field field = s.schema().field(f.fieldName());
            values[f.ordinal()] = convert(f, field == null ? null : s.get(field));
        }
        return LocationVisitField.visitOf(values);
    }

    /**
     * From a schemaless value (e.g. JsonConverter with {@code schemas.enable=false}), where
     * numbers may arrive as Long, Integer or Double.
     *
     * @throws DataException naming the field when a required field is missing, null or of the wrong type
     */
    public static LocationVisit fromMap(Map<?, ?> m) {
        if (m == null) {
            throw new DataException("Expected a " + SCHEMA_NAME + " map, got null");
        }
        Object[] values = new Object[FIELDS.length];
        for (LocationVisitField f : FIELDS) {
            values[f.ordinal()] = convert(f, m.get(f.fieldName()));
        }
        return LocationVisitField.visitOf(values);
    }

    private static Schema buildSchema() {
        SchemaBuilder b = SchemaBuilder.struct().name(SCHEMA_NAME);
        for (LocationVisitField f : LocationVisitField.values()) {
            b.field(f.fieldName(), switch (f.kind()) {
                case STRING -> f.optional() ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
                case INT -> f.optional() ? Schema.OPTIONAL_INT32_SCHEMA : Schema.INT32_SCHEMA;
                case BOOLEAN -> f.optional() ? Schema.OPTIONAL_BOOLEAN_SCHEMA : Schema.BOOLEAN_SCHEMA;
            });
        }
        return b.build();
    }

    private static Object convert(LocationVisitField f, Object raw) {
        if (raw == null) {
            if (f.optional()) {
                return null;
            }
            throw new DataException(SCHEMA_NAME + " field '" + f.fieldName() + "' is missing or null");
        }
        switch (f.kind()) {
            case STRING:
                if (raw instanceof CharSequence) {
                    return raw.toString();
                }
                break;
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    return raw;
                }
                break;
            case INT:
                if (raw instanceof Integer) {
                    return raw;
                }
                if (raw instanceof Number) {
                    return toInt(f, (Number) raw);
                }
                break;
            default:
                break;
        }
        throw new DataException(SCHEMA_NAME + " field '" + f.fieldName() + "' should be a "
                + f.kind().name().toLowerCase() + ", got " + raw.getClass().getSimpleName() + " " + raw);
    }

    /** Schemaless JSON gives Long (or Double): accept any number that is exactly an int. */
    private static Integer toInt(LocationVisitField f, Number n) {
        try {
            return new BigDecimal(n.toString()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new DataException(SCHEMA_NAME + " field '" + f.fieldName() + "' should be a whole number"
                    + " that fits an int, got " + n, e);
        }
    }
}
