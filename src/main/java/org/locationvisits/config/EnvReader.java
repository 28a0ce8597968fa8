package org.locationvisits.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.locationvisits.common.SafeUrl;

/**
 * Reads settings from a merged environment by their {@link Setting} row (variable, default, rule) and collects
 * every problem, each naming its variable, so an operator sees all of them at once. Values of secrets are never
 * echoed; URLs that may carry tokens are shown without them.
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

    /** The variable actually set for {@code setting}: its own name, else its alias. */
    String variable(Setting setting) {
        String name = setting.env().orElseThrow();
        return setting.alias().filter(alias -> raw(name).isEmpty() && raw(alias).isPresent()).orElse(name);
    }

    /** The set value, trimmed (secrets as they are); empty when unset or blank. */
    Optional<String> optional(Setting setting) {
        if (setting.spec().secret()) {
            // A secret is taken as it is: only an empty one is missing.
            String value = env.get(variable(setting));
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
        return raw(variable(setting)).map(String::strip);
    }

    /**
     * The typed value ({@link Kind#parse}): the set value when its rule accepts it, else the default. A deferred
     * switch reads as true: the IGNORE_* switches only waive requirements, so none is claimed early.
     */
    Object value(Setting setting) {
        String name = variable(setting);
        Optional<String> set = optional(setting);
        if (set.isPresent() && setting.kind() == Kind.BOOLEAN && deferredNames.contains(name)) {
            return true;
        }
        if (set.isPresent()) {
            Optional<String> problem = setting.rule().problem(set.get());
            if (problem.isEmpty()) {
                return setting.kind().parse(set.get());
            }
            problem(name + " " + problem.get() + (setting.spec().secret() ? "" : ", got '" + shown(setting, set.get()) + "'"));
        }
        return setting.kind().parse(setting.defaultText().orElse(""));
    }

    /** A problem "NAME is required: {@code what}" when unset; its value is judged by {@link #value}. */
    void required(Setting setting, String what) {
        if (optional(setting).isEmpty()) {
            problem(variable(setting) + " is required: " + what);
        }
    }

    void check(boolean condition, String problem) {
        if (!condition) {
            problem(problem);
        }
    }

    /** How a refused value appears in a message. */
    static String shown(Setting setting, String value) {
        return setting.spec().redacted ? SafeUrl.of(value) : value;
    }

    private Optional<String> raw(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private void problem(String text) {
        if (deferred.stream().noneMatch(name -> name.matcher(text).find())) {
            problems.add(text);
        }
    }
}
