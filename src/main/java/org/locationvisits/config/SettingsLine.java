package org.locationvisits.config;

import java.util.Map;
import java.util.stream.Collectors;

import org.locationvisits.avro.SchemaFetcher;

/** The start-up line of settings, from the table: NAME=value, secrets hidden, URLs without tokens. */
final class SettingsLine {
    private SettingsLine() {
    }

    static String of(Map<Setting, Object> values) {
        return values.entrySet().stream()
                .filter(entry -> entry.getKey().env().isPresent())
                .map(entry -> entry.getKey().env().orElseThrow() + "=" + shown(entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String shown(Setting setting, Object value) {
        String text = RunnerSettings.text(value);
        if (setting.secret()) {
            return text.isEmpty() ? "" : "[hidden]";
        }
        return setting.spec().redacted ? SchemaFetcher.redact(text) : text;
    }
}
