package org.locationvisits.runner;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads variables from a merged environment and collects every problem, each naming its variable,
 * so an operator sees all of them at once. Values are never echoed for secrets.
 */
final class EnvReader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    List<String> problems() {
        return problems;
    }

    Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    String required(String name, String what) {
        return optional(name).orElseGet(() -> {
            problems.add(name + " is required: " + what);
            return "";
        });
    }

    /** A secret: never trimmed into a message, never echoed. */
    String requiredSecret(String name, String what) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            problems.add(name + " is required: " + what);
            return "";
        }
        return value;
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", got '" + value.get() + "'");
        return defaultValue;
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String lower = value.get().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        problems.add(name + " must be true or false, got '" + value.get() + "'");
        return defaultValue;
    }

    Optional<LocalDate> date(String name) {
        return optional(name).flatMap(value -> {
            try {
                return Optional.of(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                problems.add(name + " must be a date as YYYY-MM-DD, e.g. 2024-03-25, got '" + value + "'");
                return Optional.empty();
            }
        });
    }

    LocalTime time(String name, LocalTime defaultValue) {
        return optional(name).map(value -> {
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                problems.add(name + " must be a local time as HH:MM, e.g. 06:00, got '" + value + "'");
                return defaultValue;
            }
        }).orElse(defaultValue);
    }

    String choice(String name, String defaultValue, String... allowed) {
        String value = string(name, defaultValue).toLowerCase(Locale.ROOT);
        for (String option : allowed) {
            if (option.equals(value)) {
                return value;
            }
        }
        problems.add(name + " must be one of " + String.join(", ", allowed) + ", got '" + env.get(name) + "'");
        return defaultValue;
    }

    void check(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
