package org.locationvisits.common;

import java.util.function.Predicate;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A ConfigDef validator of a setting's trimmed text, with a message that says what is expected.
 * Not for passwords: the refused value is part of the message.
 */
public final class TextValidator implements ConfigDef.Validator {
    private final String description;
    private final String problem;
    private final Predicate<String> accepts;

    private TextValidator(String description, String problem, Predicate<String> accepts) {
        this.description = description;
        this.problem = problem;
        this.accepts = accepts;
    }

    /**
     * @param description what is accepted, shown in the worker's config docs
     * @param problem     the message when refused, e.g. "must be a date as YYYY-MM-DD"
     */
    public static TextValidator of(String description, String problem, Predicate<String> accepts) {
        return new TextValidator(description, problem, accepts);
    }

    /** True when {@code parse} accepts the text without throwing. */
    public static boolean parses(String text, java.util.function.Consumer<String> parse) {
        try {
            parse.accept(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (!accepts.test(text)) {
            throw new ConfigException(name, value, problem);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
