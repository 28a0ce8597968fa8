package org.locationvisits.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The report page's style sheet and script, kept as resource files beside this class so they can be read and
 * edited as CSS and JavaScript; read once, on first use.
 */
final class PageAssets {
    /** The style sheet: each paragraph of {@code report.css} (one rule a line) becomes one line of the page. */
    static final String CSS = paragraphsAsLines(read("report.css"));
    /** The script, with the heat map's geometry put in where {@code report.js} says {@code ${...}}. */
    static final String SCRIPT = read("report.js")
            .replace("${top0}", String.valueOf(HeatMapSvg.AXIS_HEIGHT + 2 * HeatMapSvg.ROW_HEIGHT))
            .replace("${rowHeight}", String.valueOf(HeatMapSvg.ROW_HEIGHT));

    private PageAssets() {
    }

    /** One rule a line keeps the file readable; the page has always carried them run together, so it still does. */
    private static String paragraphsAsLines(String text) {
        return Arrays.stream(text.strip().split("\n\n"))
                .map(paragraph -> paragraph.replace("\n", "") + "\n")
                .collect(Collectors.joining());
    }

    private static String read(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath; the jar is broken");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
