package org.locationvisits.runner;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads variables from a merged environment and collects every problem, each naming its variable,
 * so an operator sees all of them at once. Values are never echoed for secrets.
 */
final class EnvReader {
    private final Map<String, String> env;
    private final Set<String> deferredNames;
    private final List<Pattern> deferred;
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
        this(env, Set.of());
    }

    /**
     * @param deferred variables whose values are not known yet (KMS-encrypted, decrypted later): they count as
     *                 present, and a problem that names one of them is not reported, since it may depend on the
     *                 value (its format, or a rule such as "required unless IGNORE_CACHE=true")
     */
    EnvReader(Map<String, String> env, Set<String> deferred) {
        this.env = env;
        this.deferredNames = Set.copyOf(deferred);
        this.deferred = deferred.stream().map(name -> Pattern.compile("\\b" + Pattern.quote(name) + "\\b")).toList();
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
            problem(name + " is required: " + what);
            return "";
        });
    }

    /** A secret: never trimmed into a message, never echoed. */
    String requiredSecret(String name, String what) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            problem(name + " is required: " + what);
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
        problem(name + " must be a whole number from " + min + " to " + max + ", got '" + value.get() + "'");
        return defaultValue;
    }

    /** A deferred switch reads as true: the IGNORE_* switches only waive requirements, so none is claimed early. */
    boolean bool(String name, boolean defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (deferredNames.contains(name)) {
            return true;
        }
        String lower = value.get().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.parseBoolean(lower);
        }
        problem(name + " must be true or false, got '" + value.get() + "'");
        return defaultValue;
    }

    Optional<LocalDate> date(String name) {
        return optional(name).flatMap(value -> {
            try {
                return Optional.of(LocalDate.parse(value));
            } catch (DateTimeParseException e) {
                problem(name + " must be a date as YYYY-MM-DD, e.g. 2024-03-25, got '" + value + "'");
                return Optional.empty();
            }
        });
    }

    LocalTime time(String name, LocalTime defaultValue) {
        return optional(name).map(value -> {
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                problem(name + " must be a local time as HH:MM, e.g. 06:00, got '" + value + "'");
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
        problem(name + " must be one of " + String.join(", ", allowed) + ", got '" + env.get(name) + "'");
        return defaultValue;
    }

    void check(boolean condition, String problem) {
        if (!condition) {
            problem(problem);
        }
    }

    private void problem(String text) {
        if (deferred.stream().noneMatch(name -> name.matcher(text).find())) {
            problems.add(text);
        }
    }
}
