package org.locationvisits.config;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.locationvisits.common.SafeUrl;

/** The start-up line of settings, from the table: NAME=value, secrets hidden, values decrypted
 * from the file as (encrypted), URLs without tokens. */
final class SettingsLine {
    private SettingsLine() {
    }

    static String of(Map<Setting, Object> values) {
        return of(values, Set.of());
    }

    /** @param encrypted variables decrypted from the file: production encrypts them, so they are not shown */
    static String of(Map<Setting, Object> values, Set<String> encrypted) {
        return values.entrySet().stream()
                .filter(entry -> entry.getKey().env().isPresent())
                .map(entry -> entry.getKey().env().orElseThrow() + "=" + shown(entry.getKey(), entry.getValue(),
                        encrypted.contains(entry.getKey().env().orElseThrow())))
                .collect(Collectors.joining(", "));
    }

    private static String shown(Setting setting, Object value, boolean encrypted) {
        String text = RunnerSettings.text(value);
        if (encrypted) {
            return "(encrypted)";
        }
        if (setting.spec().secret()) {
            return text.isEmpty() ? "" : "[hidden]";
        }
        return setting.spec().redacted ? SafeUrl.of(text) : text;
    }
}
