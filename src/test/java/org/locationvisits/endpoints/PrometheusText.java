package org.locationvisits.endpoints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4 (the Java client writes it but has no parser):
 * {@code # HELP name text}, {@code # TYPE name type} before the family's samples, and samples
 * {@code name{label="value",...} value [timestamp]}. Any other line, a TYPE after samples of its family, a sample
 * whose name belongs to no declared family, or a value that is no Go float fails the parse.
 */
final class PrometheusText {
    /** One metric family: its TYPE, HELP and samples (sample name with labels, as written, to value). */
    record Family(String name, String type, String help, Map<String, Double> samples) { }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME.pattern() + ")(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*})? (\\S+)( -?\\d+)?");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusText() {
    }

    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.remove(lines.size() - 1).isEmpty()) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (String line : lines) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                requireName(parts[0], line);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                requireName(parts[0], line);
                if (parts.length != 2 || !TYPES.contains(parts[1])) {
                    throw new IllegalArgumentException("bad TYPE line: " + line);
                }
                if (families.containsKey(parts[0])) {
                    throw new IllegalArgumentException("TYPE given twice or after samples: " + line);
                }
                families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0]), new LinkedHashMap<>()));
            } else if (line.startsWith("#") || line.isBlank()) {
                continue; // a comment
            } else {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Family family = familyOf(families, m.group(1));
                if (family == null) {
                    throw new IllegalArgumentException("sample of no declared family: " + line);
                }
                family.samples().put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), value(m.group(3), line));
            }
        }
        return families;
    }

    /** A counter {@code x} has samples {@code x_total} (and {@code x_created}); other types their own name. */
    private static Family familyOf(Map<String, Family> families, String sample) {
        if (families.containsKey(sample)) {
            return families.get(sample);
        }
        for (String suffix : List.of("_total", "_created")) {
            if (sample.endsWith(suffix)) {
                Family f = families.get(sample.substring(0, sample.length() - suffix.length()));
                if (f != null && f.type().equals("counter")) {
                    return f;
                }
            }
        }
        return null;
    }

    private static void requireName(String name, String line) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name in: " + line);
        }
    }

    private static double value(String text, String line) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value in: " + line, e);
                }
        }
    }
}
