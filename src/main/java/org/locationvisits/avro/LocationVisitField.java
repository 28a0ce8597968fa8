package org.locationvisits.avro;

import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a {@link LocationVisit} under their Avro (and Connect) names, and the record generations that
 * have them. The single place that ties a value to its name, so the Avro encoder and the Connect mapping agree.
 */
public enum LocationVisitField {
    SHOPPERTRAK_SITE_ID("shoppertrak_site_id", Kind.STRING, false, Gen.BOTH),
    ORBIT("orbit", Kind.INT, true, Gen.BOTH),
    INCREMENT_START("increment_start", Kind.STRING, false, Gen.BOTH),
    ENTERS("enters", Kind.INT, true, Gen.BOTH),
    EXITS("exits", Kind.INT, true, Gen.BOTH),
    IS_HEALTHY_ORBIT("is_healthy_orbit", Kind.BOOLEAN, false, Gen.FIRST),
    IS_RECOVERY_DATA("is_recovery_data", Kind.BOOLEAN, false, Gen.FIRST),
    IS_HEALTHY_DATA("is_healthy_data", Kind.BOOLEAN, false, Gen.CURRENT),
    IS_MISSING_DATA("is_missing_data", Kind.BOOLEAN, false, Gen.CURRENT),
    IS_FRESH("is_fresh", Kind.BOOLEAN, false, Gen.CURRENT),
    POLL_DATE("poll_date", Kind.STRING, false, Gen.BOTH);

    /** The kind of Java value a field holds: String, Integer or Boolean. */
    public enum Kind { STRING, INT, BOOLEAN }

    private enum Gen {
        FIRST(EnumSet.of(RecordGeneration.FIRST)), CURRENT(EnumSet.of(RecordGeneration.CURRENT)),
        BOTH(EnumSet.allOf(RecordGeneration.class));

        private final Set<RecordGeneration> generations;

        Gen(Set<RecordGeneration> generations) {
            this.generations = generations;
        }
    }

    private static final LocationVisitField[] VALUES = values();

    private final String fieldName;
    private final Kind kind;
    private final boolean optional;
    private final Gen gen;

    LocationVisitField(String fieldName, Kind kind, boolean optional, Gen gen) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.optional = optional;
        this.gen = gen;
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

    /** Whether records of {@code generation} have this field. */
    public boolean in(RecordGeneration generation) {
        return gen.generations.contains(generation);
    }

    /** The fields records of {@code generation} have, in declaration order. */
    public static java.util.List<LocationVisitField> of(RecordGeneration generation) {
        return java.util.Arrays.stream(VALUES).filter(f -> f.in(generation)).toList();
    }

    /** The value of this field in {@code v} as the first generation writes it. */
    public Object get(LocationVisit v) {
        return get(v, RecordGeneration.FIRST);
    }

    /** The value of this field in {@code v} as {@code generation} writes it: a String, an Integer or a Boolean. */
    public Object get(LocationVisit v, RecordGeneration generation) {
        // A switch rather than a function per constant: the encoder calls this for every field of every record,
        // and one call site serving eleven functions cannot be inlined.
        return switch (this) {
            case SHOPPERTRAK_SITE_ID -> v.shoppertrakSiteId();
            case ORBIT -> v.orbit();
            case INCREMENT_START -> generation.incrementStart(v.incrementStart());
            case ENTERS -> v.enters();
            case EXITS -> v.exits();
            case IS_HEALTHY_ORBIT, IS_HEALTHY_DATA -> v.isHealthyOrbit();
            case IS_RECOVERY_DATA -> v.isRecoveryData();
            case IS_MISSING_DATA -> v.isMissingData();
            case IS_FRESH -> Boolean.TRUE;
            case POLL_DATE -> v.pollDate();
        };
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
}
