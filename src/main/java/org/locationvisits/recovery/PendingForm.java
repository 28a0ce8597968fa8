package org.locationvisits.recovery;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The text of one day's {@code pending} offset. Written compact, because the main job keeps a whole recovery window
 * of it in one S3 object: {@code {"u": {site: {orbit: <bitmap>}}, "x": {site: ["orbit|HH:MM:SS", ...]}, "m": [site,
 * ...]}}. A bitmap holds the day's 96 quarter-hour slots (slot = hour*4 + minute/15; bit 7 of byte 0 is slot 0),
 * base64 without padding; orbit {@code "null"} is an entrance without a number. An increment that is not on a quarter
 * hour cannot be a slot, so it stays in {@code x} as its key, and is never lost. {@code x} is left out when empty.
 * {@code "c": [site, ...]} lists the sites whose last re-query of the day came back changed (RECOVERY_SCHEDULE);
 * left out when empty, and ignored by versions before it.
 *
 * <p>Reads the earlier form too, {@code {"unhealthy": {site: ["orbit|HH:MM:SS", ...]}, "missing": [site, ...]}},
 * which Connect workers and the main job's legacy sibling object still hold.
 */
final class PendingForm {
    static final int SLOTS = 96;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private PendingForm() {
    }

    static String write(Map<String, Set<String>> unhealthy, Set<String> missing) {
        return write(unhealthy, missing, Set.of());
    }

    static String write(Map<String, Set<String>> unhealthy, Set<String> missing, Set<String> changed) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode slots = root.putObject("u");
        ObjectNode explicit = JSON.createObjectNode();
        new TreeMap<>(unhealthy).forEach((site, keys) -> {
            Map<String, byte[]> bitmaps = new TreeMap<>();
            List<String> others = new ArrayList<>();
            for (String key : keys) {
                int bar = key.indexOf('|');
                int slot = bar < 0 ? -1 : slotOf(key.substring(bar + 1));
                if (slot < 0) {
                    others.add(key);
                } else {
                    byte[] bits = bitmaps.computeIfAbsent(key.substring(0, bar), o -> new byte[SLOTS / 8]);
                    bits[slot / 8] |= (byte) (0x80 >>> (slot % 8));
                }
            }
            // An empty set (possible in the earlier form) is still an unhealthy site-day: keep the site under "u".
            if (!bitmaps.isEmpty() || others.isEmpty()) {
                ObjectNode site64 = slots.putObject(site);
                bitmaps.forEach((orbit, bits) -> site64.put(orbit, BASE64.encodeToString(bits)));
            }
            if (!others.isEmpty()) {
                ArrayNode list = explicit.putArray(site);
                others.forEach(list::add);
            }
        });
        if (!explicit.isEmpty()) {
            root.set("x", explicit);
        }
        ArrayNode gone = root.putArray("m");
        new TreeSet<>(missing).forEach(gone::add);
        if (!changed.isEmpty()) {
            ArrayNode answeredChanged = root.putArray("c");
            new TreeSet<>(changed).forEach(answeredChanged::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: strings always serialise", e);
        }
    }

    /** Fills {@code unhealthy} and {@code missing} from either form. */
    static void read(String text, Map<String, Set<String>> unhealthy, Set<String> missing)
            throws JsonProcessingException {
        read(text, unhealthy, missing, new TreeSet<>());
    }

    /** As above, and {@code changed} from the compact form's {@code c}. */
    static void read(String text, Map<String, Set<String>> unhealthy, Set<String> missing, Set<String> changed)
            throws JsonProcessingException {
        JsonNode root = JSON.readTree(text);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        boolean compact = root.has("u") || root.has("x") || root.has("m") || root.has("c");
        JsonNode sites = root.get(compact ? "u" : "unhealthy");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields(sites); it.hasNext(); ) {
            Map.Entry<String, JsonNode> site = it.next();
            Set<String> keys = unhealthy.computeIfAbsent(site.getKey(), s -> new TreeSet<>());
            if (compact) {
                for (Iterator<Map.Entry<String, JsonNode>> orbits = fields(site.getValue()); orbits.hasNext(); ) {
                    Map.Entry<String, JsonNode> orbit = orbits.next();
                    addSlots(orbit.getKey(), orbit.getValue().asText(), keys);
                }
            } else {
                addTexts(site.getValue(), keys);
            }
        }
        if (compact) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields(root.get("x")); it.hasNext(); ) {
                Map.Entry<String, JsonNode> site = it.next();
                addTexts(site.getValue(), unhealthy.computeIfAbsent(site.getKey(), s -> new TreeSet<>()));
            }
        }
        addTexts(root.get(compact ? "m" : "missing"), missing);
        addTexts(root.get("c"), changed);
    }

    /** The slot of an {@code HH:MM:SS} on a quarter hour, or -1 for any other text. */
    static int slotOf(String time) {
        if (time.length() != 8 || time.charAt(2) != ':' || time.charAt(5) != ':' || !time.endsWith(":00")) {
            return -1;
        }
        int hour = twoDigits(time, 0);
        int minute = twoDigits(time, 3);
        if (hour < 0 || hour > 23 || minute < 0 || minute % 15 != 0) {
            return -1;
        }
        return hour * 4 + minute / 15;
    }

    private static String timeOf(int slot) {
        return String.format("%02d:%02d:00", slot / 4, slot % 4 * 15);
    }

    private static int twoDigits(String text, int at) {
        char tens = text.charAt(at);
        char units = text.charAt(at + 1);
        if (tens < '0' || tens > '9' || units < '0' || units > '9') {
            return -1;
        }
        return (tens - '0') * 10 + units - '0';
    }

    private static void addSlots(String orbit, String base64, Set<String> keys) {
        byte[] bits = Base64.getDecoder().decode(base64);
        if (bits.length != SLOTS / 8) {
            throw new IllegalArgumentException("orbit " + orbit + " holds " + bits.length + " bytes, not "
                    + SLOTS / 8);
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            if ((bits[slot / 8] & (0x80 >>> (slot % 8))) != 0) {
                keys.add(orbit + "|" + timeOf(slot));
            }
        }
    }

    private static void addTexts(JsonNode list, Set<String> into) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("expected a list, found " + list);
        }
        list.forEach(item -> into.add(item.asText()));
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        if (node == null || node.isNull()) {
            return java.util.Collections.emptyIterator();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object, found " + node);
        }
        return node.fields();
    }
}
