package org.locationvisits.config;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one grammar of a list of days (BAD_POLL_DATES, bad.poll.dates): comma-separated YYYY-MM-DD dates, or a
 * JSON array of them. A YAML list reaches here as a JSON array; a Connect LIST value as its items joined by ','.
 */
public final class DateList {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DateList() {
    }

    /** The dates, sorted, without repeats; empty text is no date. */
    public static List<LocalDate> parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        try {
            items(text).forEach(item -> dates.add(LocalDate.parse(item)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON array", e);
        }
        return List.copyOf(dates);
    }

    static Optional<String> problem(String text) {
        List<String> items;
        try {
            items = items(text);
        } catch (IOException e) {
            return Optional.of("must be a JSON array of dates (e.g. [\"2026-03-08\"]) or comma-separated dates");
        }
        for (String item : items) {
            try {
                LocalDate.parse(item);
            } catch (DateTimeParseException e) {
                return Optional.of("must list dates as YYYY-MM-DD (a YAML list, a JSON array or comma-separated), "
                        + "e.g. 2026-03-08; '" + item + "' is not one");
            }
        }
        return Optional.empty();
    }

    private static List<String> items(String text) throws IOException {
        String trimmed = text == null ? "" : text.strip();
        List<String> items = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return items;
        }
        if (trimmed.startsWith("[")) {
            for (JsonNode item : JSON.readTree(trimmed)) {
                items.add((item.isTextual() ? item.textValue() : item.toString()).strip());
            }
            return items;
        }
        for (String item : trimmed.split(",")) {
            items.add(item.strip());
        }
        return items;
    }
}
