package org.locationvisits.drift;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.locationvisits.common.StoredStateException;
import org.locationvisits.offsets.SourceOffsets;

/**
 * {@link SiteDrift} as the one JSON text of the main offset's {@code site_drift} key, sites grouped by day so each
 * site and each day is written once: {@code {"days": ["YYYY-MM-DD", ...], "seen": {"YYYY-MM-DD": [site, ...]},
 * "new": {"YYYY-MM-DD": [site, ...]}, "gone": [site, ...]}}; and back.
 */
public final class DriftText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftText() {
    }

    public static String write(SiteDrift drift) {
        ObjectNode root = JSON.createObjectNode();
        drift.answeredDays.forEach(day -> root.withArray("days").add(day.toString()));
        byDay(drift.seen, root.putObject("seen"));
        byDay(drift.reportedNew, root.putObject("new"));
        drift.reportedGone.forEach(root.putArray("gone")::add);
        return root.toString();
    }

    private static void byDay(Map<String, LocalDate> sites, ObjectNode into) {
        Map<LocalDate, java.util.List<String>> days = new TreeMap<>();
        sites.forEach((site, day) -> days.computeIfAbsent(day, d -> new java.util.ArrayList<>()).add(site));
        days.forEach((day, list) -> list.forEach(into.withArray(day.toString())::add));
    }

    /** @throws StoredStateException naming the key and the fix when the text is not what {@link #write} writes */
    public static SiteDrift read(String text) {
        SiteDrift drift = new SiteDrift();
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (JsonNode day : list(root.get("days"))) {
                drift.answeredDays.add(LocalDate.parse(day.asText()));
            }
            readByDay(root.get("seen"), drift.seen);
            readByDay(root.get("new"), drift.reportedNew);
            for (JsonNode site : list(root.get("gone"))) {
                drift.reportedGone.add(site.asText());
            }
        } catch (JsonProcessingException e) {
            throw invalid(e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(e.getMessage(), e);
        }
        drift.lastDay = drift.answeredDays.isEmpty() ? null : drift.answeredDays.last();
        return drift;
    }

    private static void readByDay(JsonNode node, Map<String, LocalDate> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected {\"YYYY-MM-DD\": [site, ...]}, found " + node);
        }
        node.fields().forEachRemaining(day -> {
            LocalDate date = LocalDate.parse(day.getKey());
            list(day.getValue()).forEach(site -> into.put(site.asText(), date));
        });
    }

    private static Iterable<JsonNode> list(JsonNode node) {
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("expected a list, found " + node);
        }
        return node;
    }

    private static StoredStateException invalid(String reason, Exception cause) {
        return new StoredStateException("The stored site drift (" + SourceOffsets.DRIFT_KEY + ") is not valid ("
                + reason + ")", cause);
    }
}
