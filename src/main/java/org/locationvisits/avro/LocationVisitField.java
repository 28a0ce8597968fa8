package org.locationvisits.avro;

import java.util.function.Function;

/**
 * The fields of a {@link LocationVisit} under their Avro (and Connect) names. The single place
 * that ties a record component to its name, so the Avro encoder and the Connect mapping agree.
 */
public enum LocationVisitField {
    SHOPPERTRAK_SITE_ID("shoppertrak_site_id", Kind.STRING, false, LocationVisit::shoppertrakSiteId),
    ORBIT("orbit", Kind.INT, true, LocationVisit::orbit),
    INCREMENT_START("increment_start", Kind.STRING, false, LocationVisit::incrementStart),
    ENTERS("enters", Kind.INT, true, LocationVisit::enters),
    EXITS("exits", Kind.INT, true, LocationVisit::exits),
    IS_HEALTHY_ORBIT("is_healthy_orbit", Kind.BOOLEAN, false, LocationVisit::isHealthyOrbit),
    IS_RECOVERY_DATA("is_recovery_data", Kind.BOOLEAN, false, LocationVisit::isRecoveryData),
    POLL_DATE("poll_date", Kind.STRING, false, LocationVisit::pollDate);

    /** The kind of Java value a field holds: String, Integer or Boolean. */
    public enum Kind { STRING, INT, BOOLEAN }

    private static final LocationVisitField[] VALUES = values();

    private final String fieldName;
    private final Kind kind;
    private final boolean optional;
    private final Function<LocationVisit, Object> getter;

    LocationVisitField(String fieldName, Kind kind, boolean optional, Function<LocationVisit, Object> getter) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.optional = optional;
        this.getter = getter;
    }

    public String fieldName() {
        return fieldName;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a visit may legitimately have no value here (a blank count or unparsable orbit). */
    public boolean optional() {
        return optional;
    }

    /** The value of this field in {@code v}: a String, an Integer (maybe null) or a Boolean. */
    public Object get(LocationVisit v) {
        return getter.apply(v);
    }

    /** The field called {@code name}, or null when it is not one of ours. */
    public static LocationVisitField byName(String name) {
        for (LocationVisitField f : VALUES) {
            if (f.fieldName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Builds a visit from values indexed by {@link #ordinal()}; the values must already have the
     * Java type of their {@link #kind()}, booleans non-null.
     */
    static LocationVisit visitOf(Object[] values) {
        return new LocationVisit((String) values[SHOPPERTRAK_SITE_ID.ordinal()],
                (Integer) values[ORBIT.ordinal()], (String) values[INCREMENT_START.ordinal()],
                (Integer) values[ENTERS.ordinal()], (Integer) values[EXITS.ordinal()],
                (Boolean) values[IS_HEALTHY_ORBIT.ordinal()], (Boolean) values[IS_RECOVERY_DATA.ordinal()],
                (String) values[POLL_DATE.ordinal()]);
    }
}
