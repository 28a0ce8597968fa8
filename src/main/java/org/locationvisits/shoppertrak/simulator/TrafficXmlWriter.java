package org.locationvisits.shoppertrak.simulator;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

import org.locationvisits.shoppertrak.ApiVersion;

/** Writes a traffic document the way ShopperTrak lays it out, straight to the stream. */
final class TrafficXmlWriter {
    /** HHMMSS of each quarter of a day, built once. */
    private static final String[] START_TIMES = new String[96];

    static {
        for (int i = 0; i < START_TIMES.length; i++) {
            START_TIMES[i] = String.format("%02d%02d00", i / 4, i % 4 * 15);
        }
    }

    private final SimulatedTraffic traffic;
    private final Writer out;
    private final long paddingBytes;

    /** @param paddingBytes length of a comment written first inside the root, to make an answer oversized */
    TrafficXmlWriter(SimulatedTraffic traffic, Writer out, long paddingBytes) {
        this.traffic = traffic;
        this.out = out;
        this.paddingBytes = paddingBytes;
    }

    /** A comment of {@code paddingBytes} bytes: legal XML that the parser must read through. */
    private void pad() throws IOException {
        if (paddingBytes <= 0) {
            return;
        }
        char[] chunk = new char[8192];
        java.util.Arrays.fill(chunk, 'x');
        out.write("<!-- ");
        for (long left = paddingBytes; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        out.write(" -->\n");
    }

    void write(LocalDate date, LocalDate shownDate, Collection<String> sites, ApiVersion version, boolean corrected)
            throws IOException {
        String dateValue = shownDate.format(DateTimeFormatter.BASIC_ISO_DATE);
        List<LocalTime> starts = SimulatedTraffic.startTimes(date);
        out.write("<?xml version=\"1.0\" ?>\n<sites>\n");
        pad();
        for (String site : sites) {
            out.write("  <site siteID=\"");
            escape(site);
            out.write("\">\n    <date dateValue=\"");
            out.write(dateValue);
            out.write("\">\n");
            for (int orbit = 1, n = traffic.entrances(site); orbit <= n; orbit++) {
                out.write("      <entrance ");
                out.write(version.entranceAttribute());
                out.write("=\"");
                escape(traffic.entranceName(site, orbit));
                out.write("\">\n");
                for (int i = 0; i < starts.size(); i++) {
                    LocalTime start = starts.get(i);
                    SimulatedTraffic.Reading r = traffic.reading(date, site, orbit, i, start, corrected);
                    out.write("        <traffic code=\"");
                    out.write(r.code());
                    out.write("\" exits=\"");
                    out.write(r.exits() == null ? "" : r.exits().toString());
                    out.write("\" enters=\"");
                    out.write(r.enters() == null ? "" : r.enters().toString());
                    out.write("\" startTime=\"");
                    out.write(START_TIMES[start.getHour() * 4 + start.getMinute() / 15]);
                    out.write("\"/>\n");
                }
                out.write("      </entrance>\n");
            }
            out.write("    </date>\n  </site>\n");
        }
        out.write("</sites>\n");
        out.flush();
    }

    private void escape(String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write("&quot;");
                case '\'' -> out.write("&apos;");
                default -> out.write(c);
            }
        }
    }
}
