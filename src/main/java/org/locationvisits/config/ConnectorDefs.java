package org.locationvisits.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The source and sink connectors' {@code ConfigDef}s, made from the {@link Setting} table. */
public final class ConnectorDefs {
    private ConnectorDefs() {
    }

    /** Every setting with a source key. */
    public static ConfigDef source() {
        return define(Setting::sourceKey);
    }

    /** Every setting with a sink key, but those the worker itself declares ({@code topics}). */
    public static ConfigDef sink() {
        return define(Setting::sinkKey);
    }

    /**
     * The setting's rule as a connector validator. An empty value of a setting whose default is empty means
     * "not set", as an unset variable does for the main job. A refused secret is never echoed.
     */
    public static ConfigDef.Validator validator(Setting setting) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = setting.spec().secret() ? Kind.text(value) : Kind.text(value).strip();
                if (text.isEmpty() && setting.defaultText().filter(String::isEmpty).isPresent()) {
                    return;
                }
                Optional<String> problem = setting.rule().problem(text);
                if (problem.isPresent()) {
                    throw setting.spec().secret() ? new ConfigException(name + " " + problem.get())
                            : new ConfigException(name, EnvReader.shown(setting, text), problem.get());
                }
            }

            @Override
            public String toString() {
                return setting.rule().describe();
            }
        };
    }

    /** The documentation a worker shows: the setting's, with the main job's variable in brackets. */
    public static String documentation(Setting setting) {
        return setting.doc() + setting.env().map(env -> " (" + env + ")").orElse("");
    }

    private static ConfigDef define(Function<Setting, Optional<String>> keyOf) {
        ConfigDef def = new ConfigDef();
        Map<String, Integer> order = new HashMap<>();
        for (Setting setting : Setting.values()) {
            Optional<String> key = keyOf.apply(setting).filter(k -> !setting.spec().declaredByWorker);
            if (key.isEmpty()) {
                continue;
            }
            Spec spec = setting.spec();
            Object defaultValue = setting.defaultText().<Object>map(text -> text).orElse(ConfigDef.NO_DEFAULT_VALUE);
            def.define(key.get(), setting.kind().connectType(), defaultValue, validator(setting),
                    setting.defaultText().isEmpty() ? Importance.HIGH : Importance.MEDIUM, documentation(setting),
                    spec.group, order.merge(spec.group, 1, Integer::sum), width(setting.kind()), spec.displayName);
        }
        return def;
    }

    private static Width width(Kind kind) {
        return switch (kind) {
            case TEXT, LIST, DATES -> Width.LONG;
            case SECRET -> Width.MEDIUM;
            default -> Width.SHORT;
        };
    }
}
