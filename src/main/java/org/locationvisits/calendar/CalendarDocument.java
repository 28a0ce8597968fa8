package org.locationvisits.calendar;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The branch calendar for runs without a warehouse: a JSON or YAML document with the rows of the two
 * warehouse tables.
 * <pre>
 * hours:
 *   - {location_id: aa, weekday: Monday, regular_open: "09:00", regular_close: "18:00"}
 *   - {location_id: aa, weekday: Sunday, regular_open: null, regular_close: null}   # closed on Sundays
 * closures:
 *   - {location_id: null, closure_date: "2026-07-04"}          # null: every site
 *   - {location_id: aa, closure_date: "2026-03-09", is_full_day: true}
 * </pre>
 * Unlike the warehouse, where a bad row is skipped, any mistake here is refused: the document is
 * written by hand and its author is there to fix it.
 */
public final class CalendarDocument {
    // YAML is a superset of JSON, so one parser reads both. Duplicate keys are refused, not silently overwritten.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP = Set.of("hours", "closures");
    private static final Set<String> HOURS_FIELDS = Set.of("location_id", "weekday", "regular_open", "regular_close");
    private static final Set<String> CLOSURE_FIELDS = Set.of("location_id", "closure_date", "is_full_day");

    private final String source;
    private final LocationCalendar.Builder builder = new LocationCalendar.Builder();

    private CalendarDocument(String source) {
        this.source = source;
    }

    /** @param source where the content came from (a path, s3://bucket/key), for messages */
    public static LocationCalendar parse(byte[] content, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new CalendarException("Calendar document " + source + " is not valid JSON or YAML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CalendarException("Calendar document " + source + " could not be read: " + e.getMessage(), e);
        }
        return new CalendarDocument(source).read(root);
    }

    private LocationCalendar read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw problem("the document", "must be a mapping with 'hours' and/or 'closures' lists");
        }
        checkFields(root, TOP, "the document");
        JsonNode hours = list(root, "hours");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < hours.size(); i++) {
            readHours(hours.get(i), "hours[" + i + "]", seen);
        }
        JsonNode closures = list(root, "closures");
        for (int i = 0; i < closures.size(); i++) {
            readClosure(closures.get(i), "closures[" + i + "]");
        }
        return builder.build();
    }

    private void readHours(JsonNode entry, String where, Set<String> seen) {
        where = describe(entry, where, "weekday");
        checkFields(entry, HOURS_FIELDS, where);
        String branch = branch(entry, where, false);
        DayOfWeek day;
        Hours hours;
        try {
            day = CalendarRows.weekday(text(entry, "weekday", where, false));
            hours = CalendarRows.hours(text(entry, "regular_open", where, true),
                    text(entry, "regular_close", where, true));
        } catch (IllegalArgumentException e) {
            throw problem(where, e.getMessage());
        }
        if (!seen.add(branch + " " + day)) {
            throw problem(where, "lists " + branch + " on " + day + " a second time; keep one entry per weekday");
        }
        builder.hours(branch, day, hours);
    }

    private void readClosure(JsonNode entry, String where) {
        where = describe(entry, where, "closure_date");
        checkFields(entry, CLOSURE_FIELDS, where);
        String branch = branch(entry, where, true);
        LocalDate date;
        try {
            date = LocalDate.parse(text(entry, "closure_date", where, false).strip());
        } catch (DateTimeParseException e) {
            throw problem(where, "closure_date must be a date as YYYY-MM-DD");
        }
        JsonNode fullDay = entry.get("is_full_day");
        if (fullDay != null && !fullDay.isNull() && !fullDay.isBoolean()) {
            throw problem(where, "is_full_day must be true or false (leave it out for true)");
        }
        if (fullDay == null || fullDay.isNull() || fullDay.booleanValue()) {
            builder.closedAllDay(branch, date);
        }
    }

    private String branch(JsonNode entry, String where, boolean nullAllowed) {
        String branch = text(entry, "location_id", where, nullAllowed);
        if (branch == null) {
            return null;
        }
        branch = branch.strip();
        if (branch.isEmpty() || branch.contains(" ")) {
            throw problem(where, "location_id '" + branch + "' must be a branch code, the first word of a site ID"
                    + " (aa for site 'aa lib')" + (nullAllowed ? ", or null for every site" : ""));
        }
        return branch;
    }

    private String text(JsonNode entry, String field, String where, boolean nullAllowed) {
        if (!entry.has(field)) {
            throw problem(where, "needs " + field + (nullAllowed ? " (null is allowed)" : ""));
        }
        JsonNode value = entry.get(field);
        if (value.isNull() && nullAllowed) {
            return null;
        }
        if (!value.isTextual()) {
            throw problem(where, field + " must be text" + (nullAllowed ? " or null" : "") + ", not " + value
                    + " (quote it: \"" + value.asText() + "\")");
        }
        return value.textValue();
    }

    private JsonNode list(JsonNode root, String field) {
        JsonNode list = root.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return YAML.createArrayNode();
        }
        if (!list.isArray()) {
            throw problem(field, "must be a list of entries");
        }
        return list;
    }

    private void checkFields(JsonNode entry, Set<String> allowed, String where) {
        if (!entry.isObject()) {
            throw problem(where, "must be a mapping with " + String.join(", ", sorted(allowed)));
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw problem(where, "has unknown field '" + name + "'; expected " + String.join(", ", sorted(allowed)));
            }
        }
    }

    /** "hours[3] (location_id 'aa', weekday 'Mnday')": enough to find the entry in a long document. */
    private static String describe(JsonNode entry, String where, String second) {
        if (entry == null || !entry.isObject()) {
            return where;
        }
        return where + " (location_id " + entry.path("location_id") + ", " + second + " " + entry.path(second) + ")";
    }

    private static java.util.List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private CalendarException problem(String where, String what) {
        return new CalendarException("Calendar document " + source + ": " + where + ": " + what);
    }
}
