package org.locationvisits.avro;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps visits to and from Connect data. The source task emits {@link #toStruct} values with the fields of its
 * record generation; the Kinesis sink turns whatever the worker's converter hands back (a Struct, or a Map
 * when the converter runs without schemas) into the same {@link LocationVisit}, hence into the same bytes.
 * Reading is by field name and accepts either generation, so a sink encodes whatever generation its own
 * schema asks for, and field order and extra fields do not matter.
 */
public final class LocationVisitsConnect {
    public static final String SCHEMA_NAME = "LocationVisits";

    private static final Map<RecordGeneration, Schema> SCHEMAS = buildSchemas();

    private LocationVisitsConnect() {
    }

    /** The first generation's struct: strings and booleans required, orbit/enters/exits optional int32. */
    public static Schema connectSchema() {
        return connectSchema(RecordGeneration.FIRST);
    }

    public static Schema connectSchema(RecordGeneration generation) {
        return SCHEMAS.get(generation);
    }

    public static Struct toStruct(LocationVisit v) {
        return toStruct(v, RecordGeneration.FIRST);
    }

    /** The record as {@code generation} writes it, increment_start spelled that generation's way. */
    public static Struct toStruct(LocationVisit v, RecordGeneration generation) {
        Struct s = new Struct(SCHEMAS.get(generation));
        for (LocationVisitField f : LocationVisitField.of(generation)) {
            s.put(f.fieldName(), f.get(v, generation));
        }
        return s;
    }

    /** @throws DataException naming the field when a required field is missing, null or of the wrong type */
    public static LocationVisit fromStruct(Struct s) {
        if (s == null) {
            throw new DataException("Expected a " + SCHEMA_NAME + " struct, got null");
        }
        return read(name -> {
            Field field = s.schema().field(name);
            return field == null ? null : s.get(field);
        });
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
        return read(m::get);
    }

    /** Either generation: health from is_healthy_data or is_healthy_orbit; the other generation's flags false. */
    private static LocationVisit read(Function<String, Object> value) {
        LocationVisitField healthField = value.apply(LocationVisitField.IS_HEALTHY_DATA.fieldName()) != null
                ? LocationVisitField.IS_HEALTHY_DATA : LocationVisitField.IS_HEALTHY_ORBIT;
        String site = (String) convert(LocationVisitField.SHOPPERTRAK_SITE_ID, value);
        Integer orbit = (Integer) convert(LocationVisitField.ORBIT, value);
        String start = (String) convert(LocationVisitField.INCREMENT_START, value);
        return new LocationVisit(site, orbit,
                start.length() > 10 && start.charAt(10) == ' ' ? start.substring(0, 10) + 'T' + start.substring(11) : start,
                (Integer) convert(LocationVisitField.ENTERS, value),
                (Integer) convert(LocationVisitField.EXITS, value),
                (Boolean) convert(healthField, value),
                flag(LocationVisitField.IS_RECOVERY_DATA, value),
                flag(LocationVisitField.IS_MISSING_DATA, value),
                (String) convert(LocationVisitField.POLL_DATE, value));
    }

    private static boolean flag(LocationVisitField f, Function<String, Object> value) {
        return value.apply(f.fieldName()) != null && (Boolean) convert(f, value);
    }

    private static Map<RecordGeneration, Schema> buildSchemas() {
        Map<RecordGeneration, Schema> schemas = new EnumMap<>(RecordGeneration.class);
        for (RecordGeneration g : RecordGeneration.values()) {
            schemas.put(g, buildSchema(LocationVisitField.of(g)));
        }
        return schemas;
    }

    private static Schema buildSchema(List<LocationVisitField> fields) {
        SchemaBuilder b = SchemaBuilder.struct().name(SCHEMA_NAME);
        for (LocationVisitField f : fields) {
            b.field(f.fieldName(), switch (f.kind()) {
                case STRING -> f.optional() ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
                case INT -> f.optional() ? Schema.OPTIONAL_INT32_SCHEMA : Schema.INT32_SCHEMA;
                case BOOLEAN -> f.optional() ? Schema.OPTIONAL_BOOLEAN_SCHEMA : Schema.BOOLEAN_SCHEMA;
            });
        }
        return b.build();
    }

    private static Object convert(LocationVisitField f, Function<String, Object> value) {
        Object raw = value.apply(f.fieldName());
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
