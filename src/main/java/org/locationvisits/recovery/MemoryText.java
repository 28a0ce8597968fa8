package org.locationvisits.recovery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.locationvisits.common.StoredStateException;

/**
 * The whole recovery memory as the one JSON text of the main offset's {@code recovery_pending} key:
 * {@code {"YYYY-MM-DD": <one day's pending form>, ...}}, days with nothing pending and no changed site left out; and
 * back.
 */
final class MemoryText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MemoryText() {
    }

    static String write(Map<LocalDate, PendingDay> days) {
        ObjectNode root = JSON.createObjectNode();
        days.forEach((day, pending) -> {
            if (!pending.isEmpty()) {
                try {
                    root.set(day.toString(), JSON.readTree(PendingForm.write(pending.unhealthy(), pending.missing(),
                            pending.changed())));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot happen: the pending form is JSON", e);
                }
            }
        });
        return root.toString();
    }

    /** Each day's pending form, as text. */
    static Map<LocalDate, String> read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw invalid("is not a JSON object", null);
        }
        Map<LocalDate, String> forms = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            try {
                forms.put(LocalDate.parse(field.getKey()), field.getValue().toString());
            } catch (DateTimeParseException e) {
                throw invalid("names '" + field.getKey() + "', not a day", e);
            }
        }
        return forms;
    }

    private static StoredStateException invalid(String what, Exception cause) {
        return new StoredStateException("The stored recovery memory (" + RecoveryMemory.ALL_KEY + ") " + what
                + "; set the offset again with 'offsets set' to forget it", cause);
    }
}
