package org.locationvisits.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link Setting} table as text: {@link #text()} for a terminal, {@link #markdown()} for the README, whose
 * configuration tables are exactly {@link #markdown(Part)} of each part (a test compares them).
 */
public final class SettingsTable {
    /** The README's three tables. */
    public enum Part {
        /** The main job's environment variables. */
        MAIN,
        /** The source connector's settings. */
        SOURCE,
        /** The sink connector's settings. */
        SINK
    }

    private SettingsTable() {
    }

    /** One line per setting, in aligned columns: names, default and what it accepts. */
    public static String text() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VARIABLE", "SOURCE KEY", "SINK KEY", "DEFAULT", "ACCEPTS"});
        for (Setting s : Setting.values()) {
            rows.add(new String[] {s.env().orElse("-"), s.sourceKey().orElse("-"), s.sinkKey().orElse("-"),
                s.defaultText().map(d -> d.isEmpty() ? "(empty)" : d).orElse("(required)"), accepts(s)});
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> Arrays.setAll(widths, i -> Math.max(widths[i], row[i].length())));
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.append("'settings --markdown' adds what each one means.\n").toString();
    }

    /** The three README tables, each under a line naming it. */
    public static String markdown() {
        return "Main job (environment variables):\n\n" + markdown(Part.MAIN)
                + "\nSource connector:\n\n" + markdown(Part.SOURCE)
                + "\nSink connector:\n\n" + markdown(Part.SINK);
    }

    public static String markdown(Part part) {
        return switch (part) {
            case MAIN -> table(List.of("variable", "default", "accepts", "used by", "meaning"), Setting::env,
                    s -> List.of(envName(s), envDefault(s), accepts(s), usedBy(s), s.doc()));
            case SOURCE -> table(List.of("setting", "default", "accepts", "meaning"), Setting::sourceKey,
                    s -> List.of(code(s.sourceKey().orElseThrow()), connectDefault(s), accepts(s), connectDoc(s)));
            case SINK -> table(List.of("setting", "default", "accepts", "meaning"), Setting::sinkKey,
                    s -> List.of(code(s.sinkKey().orElseThrow()), connectDefault(s), accepts(s), connectDoc(s)));
        };
    }

    private static String table(List<String> header, Function<Setting, Optional<String>> name,
                                Function<Setting, List<String>> cells) {
        StringBuilder out = new StringBuilder(row(header));
        out.append(row(header.stream().map(h -> "---").toList()));
        for (Setting setting : Setting.values()) {
            if (name.apply(setting).isPresent()) {
                out.append(row(cells.apply(setting).stream().map(SettingsTable::escape).toList()));
            }
        }
        return out.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String envName(Setting s) {
        return code(s.env().orElseThrow()) + s.alias().map(alias -> " (alias " + code(alias) + ")").orElse("");
    }

    private static String envDefault(Setting s) {
        return Optional.ofNullable(s.spec().envDefaultNote).orElseGet(() -> s.defaultText()
                .map(d -> d.isEmpty() ? "none" : code(d)).orElse("required"));
    }

    private static String connectDefault(Setting s) {
        return s.defaultText().map(d -> d.isEmpty() ? "empty" : code(d)).orElse("required");
    }

    private static String connectDoc(Setting s) {
        String doc = s.spec().declaredByWorker ? s.doc() + " The worker's own setting." : s.doc();
        return doc + s.env().map(env -> " (" + code(env) + ")").orElse("");
    }

    private static String accepts(Setting s) {
        return s.rule() == Rule.ANY ? "" : s.rule().describe();
    }

    private static String usedBy(Setting s) {
        if (s.spec().usedBy().containsAll(EnumSet.allOf(Purpose.class))) {
            return "all";
        }
        return Arrays.stream(Purpose.values()).filter(s.spec().usedBy()::contains).map(p -> code(p.command()))
                .collect(Collectors.joining(", "));
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** Text outside code spans: an angle bracket would start an HTML tag, a bar a new cell. */
    private static String escape(String cell) {
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (char c : cell.toCharArray()) {
            inCode ^= c == '`';
            out.append(inCode || c == '`' ? String.valueOf(c) : switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '|' -> "\\|";
                default -> String.valueOf(c);
            });
        }
        return out.toString();
    }
}
