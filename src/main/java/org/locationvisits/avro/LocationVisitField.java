package org.locationvisits.avro;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The fields of a {@link LocationVisit} under their Avro (and Connect) names, and the record generations that
 * have them. The single place that ties a value to its name, so the Avro encoder and the Connect mapping agree.
 */
public enum LocationVisitField {
    SHOPPERTRAK_SITE_ID("shoppertrak_site_id", Kind.STRING, false, Gen.BOTH, (v, g) -> v.shoppertrakSiteId()),
    ORBIT("orbit", Kind.INT, true, Gen.BOTH, (v, g) -> v.orbit()),
    INCREMENT_START("increment_start", Kind.STRING, false, Gen.BOTH, (v, g) -> g.incrementStart(v.incrementStart())),
    ENTERS("enters", Kind.INT, true, Gen.BOTH, (v, g) -> v.enters()),
    EXITS("exits", Kind.INT, true, Gen.BOTH, (v, g) -> v.exits()),
    IS_HEALTHY_ORBIT("is_healthy_orbit", Kind.BOOLEAN, false, Gen.FIRST, (v, g) -> v.isHealthyOrbit()),
    IS_RECOVERY_DATA("is_recovery_data", Kind.BOOLEAN, false, Gen.FIRST, (v, g) -> v.isRecoveryData()),
    IS_HEALTHY_DATA("is_healthy_data", Kind.BOOLEAN, false, Gen.CURRENT, (v, g) -> v.isHealthyOrbit()),
    IS_MISSING_DATA("is_missing_data", Kind.BOOLEAN, false, Gen.CURRENT, (v, g) -> v.isMissingData()),
    IS_FRESH("is_fresh", Kind.BOOLEAN, false, Gen.CURRENT, (v, g) -> Boolean.TRUE),
    POLL_DATE("poll_date", Kind.STRING, false, Gen.BOTH, (v, g) -> v.pollDate());

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
    private final BiFunction<LocationVisit, RecordGeneration, Object> getter;

    LocationVisitField(String fieldName, Kind kind, boolean optional, Gen gen,
                       BiFunction<LocationVisit, RecordGeneration, Object> getter) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.optional = optional;
        this.gen = gen;
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
        return getter.apply(v, RecordGeneration.FIRST);
    }

    /** The value of this field in {@code v} as {@code generation} writes it: a String, an Integer or a Boolean. */
    public Object get(LocationVisit v, RecordGeneration generation) {
        return getter.apply(v, generation);
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
