package org.locationvisits.config;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the settings table while it is written: names, type, default, rule, documentation and who
 * needs it. Only {@link Setting} builds these; read them through its methods.
 */
final class Spec {
    String env;
    String alias;
    String sourceKey;
    String sinkKey;
    boolean declaredByWorker;
    Kind kind = Kind.TEXT;
    /** Null: no default, a connector requires it. */
    String defaultText;
    String envDefaultNote;
    Rule rule = Rule.ANY;
    String doc = "";
    String group = "";
    String displayName = "";
    boolean redacted;
    Set<Purpose> usedBy = EnumSet.allOf(Purpose.class);

    static Spec env(String name) {
        Spec spec = new Spec();
        spec.env = name;
        return spec;
    }

    /** A setting of the connectors only. */
    static Spec connect() {
        return new Spec();
    }

    Spec alias(String name) {
        alias = name;
        return this;
    }

    Spec source(String key) {
        sourceKey = key;
        return this;
    }

    Spec sink(String key) {
        sinkKey = key;
        return this;
    }

    /** The worker declares and reads it; the connector only documents it. */
    Spec byWorker() {
        declaredByWorker = true;
        return this;
    }

    Spec is(Kind newKind, String newDefault, Rule newRule) {
        kind = newKind;
        defaultText = newDefault;
        rule = newRule;
        return this;
    }

    Spec group(String newGroup, String newDisplayName) {
        group = newGroup;
        displayName = newDisplayName;
        return this;
    }

    /** What the main job's table says in its default column, when the default alone does not say it. */
    Spec envDefault(String note) {
        envDefaultNote = note;
        return this;
    }

    /** Shown without credentials or query, which may hold tokens. */
    Spec redacted() {
        redacted = true;
        return this;
    }

    Spec only(Purpose first, Purpose... rest) {
        usedBy = EnumSet.of(first, rest);
        return this;
    }

    Spec doc(String text) {
        doc = text;
        return this;
    }

    /** Whether the value is a secret: never shown, never trimmed. */
    boolean secret() {
        return kind == Kind.SECRET;
    }

    /** The commands that use the setting; the others accept it unset. */
    Set<Purpose> usedBy() {
        return Set.copyOf(usedBy);
    }

    Optional<String> envName() {
        return Optional.ofNullable(env);
    }
}
