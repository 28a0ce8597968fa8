package org.locationvisits.offsets;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.locationvisits.offsets.SourceOffsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state object's JSON: {@code {"last_poll_date": "YYYY-MM-DD", <the main offset's other keys>, "offsets":
 * [{"partition": {...}, "offset": {...}}, ...]}}. {@code last_poll_date} stays a top-level text key, first, because
 * the Python poller reads only that key. The main offset's other keys (a resume position, the recovery memory, the
 * call count, the site drift) follow at the top level; the memory and the drift, JSON texts in the offset, are
 * written as the JSON they are, so the
 * object reads as one document. {@code offsets} holds any other partition (none today; earlier versions' memory).
 */
final class OffsetDocument {
    static final String FIELD = SourceOffsets.OFFSET_KEY;
    /** Main-offset keys whose value is a JSON text, stored as JSON. */
    private static final java.util.Set<String> JSON_TEXT_KEYS = java.util.Set.of(SourceOffsets.RECOVERY_KEY,
            SourceOffsets.DRIFT_KEY);
    static final String OFFSETS = "offsets";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    /** What a stored document holds; {@code hasOffsets} is false for the Python poller's or an earlier version's. */
    record Parsed(Map<Map<String, Object>, Map<String, Object>> offsets, boolean hasOffsets) { }

    private OffsetDocument() {
    }

    /**
     * A read-only copy, main partition first, with null offsets dropped (Connect's way of forgetting a
     * partition). Refuses a map without a dated main partition: the document would not be the poller's any more.
     */
    static Map<Map<String, Object>, Map<String, Object>> checked(Map<Map<String, Object>, Map<String, Object>> offsets) {
        Map<String, Object> main = offsets.get(SourceOffsets.PARTITION);
        if (main == null || !(main.get(FIELD) instanceof String date) || !isDate(date)) {
            throw new IllegalArgumentException("the offsets must hold partition " + SourceOffsets.PARTITION
                    + " with a " + FIELD + " YYYY-MM-DD, got " + main);
        }
        Map<Map<String, Object>, Map<String, Object>> copy = new LinkedHashMap<>();
        copy.put(Map.copyOf(SourceOffsets.PARTITION), readOnly(main));
        offsets.forEach((partition, offset) -> {
            if (offset != null && !SourceOffsets.PARTITION.equals(partition)) {
                copy.put(readOnly(partition), readOnly(offset));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Compact: one line, no spaces; the whole document fits one PUT well below any limit (see the README). */
    static String format(Map<Map<String, Object>, Map<String, Object>> checked) {
        Map<String, Object> main = checked.get(SourceOffsets.PARTITION);
        ObjectNode root = JSON.createObjectNode();
        root.put(FIELD, (String) main.get(FIELD));
        for (Map.Entry<String, Object> entry : main.entrySet()) {
            if (entry.getKey().equals(FIELD) || entry.getKey().equals(OFFSETS)) {
                continue;
            }
            if (JSON_TEXT_KEYS.contains(entry.getKey()) && entry.getValue() instanceof String text) {
                try {
                    root.set(entry.getKey(), JSON.readTree(text));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(entry.getKey() + " must be a JSON text: " + e.getOriginalMessage(),
                            e);
                }
            } else {
                root.set(entry.getKey(), JSON.valueToTree(entry.getValue()));
            }
        }
        ArrayNode entries = root.putArray(OFFSETS);
        checked.forEach((partition, offset) -> {
            if (!SourceOffsets.PARTITION.equals(partition)) {
                ObjectNode entry = entries.addObject();
                entry.set("partition", JSON.valueToTree(partition));
                entry.set("offset", JSON.valueToTree(offset));
            }
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("offsets must hold JSON values only: " + e.getOriginalMessage(), e);
        }
    }

    static Parsed parse(String body, S3OffsetMessages messages) {
        if (body.isBlank()) {
            throw messages.malformed(body, "it is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw messages.malformed(body, "it is not JSON");
        }
        JsonNode value = root == null ? null : root.get(FIELD);
        if (value == null || !value.isTextual()) {
            throw messages.malformed(body, "it has no text field \"" + FIELD + "\"");
        }
        String date = value.asText().trim();
        if (!isDate(date)) {
            throw messages.malformed(body, "\"" + value.asText() + "\" is not a date");
        }
        Map<String, Object> main = new LinkedHashMap<>();
        main.put(FIELD, date);
        var fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode node = field.getValue();
            if (key.equals(FIELD) || key.equals(OFFSETS) || node.isNull()) {
                continue;
            }
            if (JSON_TEXT_KEYS.contains(key)) {
                main.put(key, node.toString());
            } else if (key.equals("position") && node.isObject()) {
                // Where an unreleased build of this version kept the position keys.
                Map<String, Object> keys = JSON.convertValue(node, MAP);
                keys.remove(FIELD);
                main.putAll(keys);
            } else if (node.isValueNode()) {
                main.put(key, JSON.convertValue(node, Object.class));
            } else {
                throw messages.malformed(body, "its \"" + key + "\" is not a text or a number");
            }
        }
        Map<Map<String, Object>, Map<String, Object>> offsets = new LinkedHashMap<>();
        offsets.put(Map.copyOf(SourceOffsets.PARTITION), Collections.unmodifiableMap(main));
        JsonNode entries = root.get(OFFSETS);
        if (entries == null) {
            return new Parsed(Collections.unmodifiableMap(offsets), false);
        }
        if (!entries.isArray()) {
            throw messages.malformed(body, "its \"" + OFFSETS + "\" is not a list");
        }
        try {
            offsets.putAll(entries(entries));
        } catch (IllegalArgumentException e) {
            throw messages.malformed(body, "its \"" + OFFSETS + "\" " + e.getMessage());
        }
        return new Parsed(Collections.unmodifiableMap(offsets), true);
    }

    /** The legacy sibling {@code <state>.recovery.json}: {@code {"offsets": [...]}}; its main partition, if any, is ignored. */
    static Map<Map<String, Object>, Map<String, Object>> parseLegacy(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode entries = root == null ? null : root.get(OFFSETS);
        if (entries == null || entries.isNull()) {
            return Map.of();
        }
        if (!entries.isArray()) {
            throw new IOException("\"" + OFFSETS + "\" is not a list");
        }
        try {
            Map<Map<String, Object>, Map<String, Object>> offsets = entries(entries);
            offsets.remove(SourceOffsets.PARTITION);
            return offsets;
        } catch (IllegalArgumentException e) {
            throw new IOException("\"" + OFFSETS + "\" " + e.getMessage(), e);
        }
    }

    private static Map<Map<String, Object>, Map<String, Object>> entries(JsonNode entries) {
        Map<Map<String, Object>, Map<String, Object>> offsets = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            JsonNode partition = entry.get("partition");
            JsonNode offset = entry.get("offset");
            if (partition == null || !partition.isObject() || (offset != null && !offset.isNull() && !offset.isObject())) {
                throw new IllegalArgumentException("holds an entry that is not {\"partition\": {...}, \"offset\": {...}}: "
                        + entry);
            }
            if (offset != null && !offset.isNull()) {
                offsets.put(readOnly(JSON.convertValue(partition, MAP)), readOnly(JSON.convertValue(offset, MAP)));
            }
        }
        return offsets;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Map<String, Object> readOnly(Map<String, ?> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
