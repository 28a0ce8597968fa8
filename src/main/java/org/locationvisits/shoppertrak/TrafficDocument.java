package org.locationvisits.shoppertrak;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One pass over one response: the cursor position (site, date, entrance) and the
 * per-day caches. Used by {@link TrafficParser}, which owns the safe reader setup.
 */
final class TrafficDocument {
    private final XMLStreamReader r;
    private final LocalDate expectedDate;
    private final String expectedDateValue;
    private final String datePrefix;
    private final Consumer<TrafficRow> sink;
    private final ParseWarnings warnings = new ParseWarnings();
    // About 96 distinct start times a day: each formatted string is built once and shared.
    private final Map<String, String> incrementStarts = new HashMap<>(256);
    private final RepeatedKeys keys = new RepeatedKeys();
    private String siteId;
    private boolean inDate;
    private String entrance;
    private Integer orbit;
    private int count;

    TrafficDocument(XMLStreamReader r, LocalDate expectedDate, Consumer<TrafficRow> sink) {
        this.r = r;
        this.expectedDate = expectedDate;
        this.expectedDateValue = expectedDate.format(DateTimeFormatter.BASIC_ISO_DATE);
        this.datePrefix = expectedDate + "T";
        this.sink = sink;
    }

    ParseOutcome read() throws XMLStreamException {
        String root = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new TrafficDataException(
                        "ShopperTrak response declares a DTD or entities; refused as unsafe");
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            root = r.getLocalName();
            break;
        }
        if ("message".equals(root)) {
            return message();
        }
        if (!"sites".equals(root)) {
            throw new TrafficDataException(root == null ? "Empty response from ShopperTrak"
                    : "Unexpected root element <" + root + "> in ShopperTrak response");
        }
        sites();
        if (count == 0) {
            throw new TrafficDataException("ShopperTrak response for " + expectedDate
                    + " contains no traffic element");
        }
        return new ParseOutcome.Parsed(count, warnings);
    }

    private ParseOutcome message() throws XMLStreamException {
        String code = null;
        String description = "";
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if ("error".equals(r.getLocalName())) {
                    code = r.getElementText().trim();
                } else if ("description".equals(r.getLocalName())) {
                    description = r.getElementText().trim();
                }
            }
        }
        if (code == null || code.isEmpty()) {
            throw new TrafficDataException("ShopperTrak error message without an error code: " + description);
        }
        return new ParseOutcome.ApiError(code, description);
    }

    private void sites() throws XMLStreamException {
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "traffic" -> traffic();
                    case "entrance" -> entrance();
                    case "date" -> date();
                    case "site" -> site();
                    default -> { } // Unknown elements are ignored, so additions to the API do no harm.
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "entrance" -> entrance = null;
                    case "date" -> inDate = false;
                    case "site" -> siteId = null;
                    default -> { }
                }
            } else if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new TrafficDataException("ShopperTrak response contains entities; refused as unsafe");
            }
        }
    }

    private void site() {
        String id = attribute("siteID");
        if (id == null || id.isEmpty()) {
            throw new TrafficDataException("ShopperTrak response has a site without siteID");
        }
        siteId = id;
        keys.newSite();
    }

    private void date() {
        String value = attribute("dateValue");
        if (!expectedDateValue.equals(value)) {
            throw new TrafficDataException("ShopperTrak answered with dateValue '" + value + "' for site '"
                    + siteId + "' but " + expectedDateValue + " was requested; nothing of the day is used");
        }
        inDate = true;
    }

    private void entrance() {
        String name = attribute("name");
        if (name == null) {
            name = attribute("entranceName");
        }
        entrance = name == null ? "" : name;
        orbit = TrafficValues.orbit(name);
        if (orbit == null) {
            warnings.add(ParseWarnings.BAD_ORBIT, "site '" + siteId + "' entrance '" + entrance + "'");
        }
    }

    private void traffic() {
        if (siteId == null || !inDate || entrance == null) {
            throw new TrafficDataException("ShopperTrak response has a traffic element outside "
                    + "site/date/entrance at " + r.getLocation().getLineNumber() + ":"
                    + r.getLocation().getColumnNumber());
        }
        String code = null;
        String enters = null;
        String exits = null;
        String startTime = null;
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            switch (r.getAttributeLocalName(i)) {
                case "code" -> code = r.getAttributeValue(i);
                case "enters" -> enters = r.getAttributeValue(i);
                case "exits" -> exits = r.getAttributeValue(i);
                case "startTime" -> startTime = r.getAttributeValue(i);
                default -> { }
            }
        }
        String start = incrementStarts.get(startTime);
        if (start == null) {
            start = TrafficValues.incrementStart(datePrefix, startTime);
            if (start == null) {
                throw new TrafficDataException("ShopperTrak response has startTime '" + startTime
                        + "' (expected HHMMSS) for site '" + siteId + "' entrance '" + entrance + "'");
            }
            incrementStarts.put(startTime, start);
        }
        boolean healthy = healthy(code, start);
        Integer in = TrafficValues.count(enters);
        Integer out = TrafficValues.count(exits);
        if (in == null) {
            badCount("enters", enters, start);
        }
        if (out == null) {
            badCount("exits", exits, start);
        }
        if (keys.seenBefore(orbit, start)) {
            // The fall-back day's second 01:00-01:45: kept, as the Python poller keeps it, and counted.
            warnings.add(ParseWarnings.REPEATED_KEY, "site '" + siteId + "' orbit " + orbit + " " + start);
        }
        sink.accept(new TrafficRow(siteId, orbit, start, in, out, healthy));
        count++;
    }

    private boolean healthy(String code, String start) {
        if ("01".equals(code)) {
            return true;
        }
        String c = code == null ? "" : code.trim();
        if (!c.equals("01") && !c.equals("02")) {
            warnings.add(ParseWarnings.BAD_CODE, "code '" + c + "' at site '" + siteId + "' entrance '"
                    + entrance + "' " + start);
        }
        return c.equals("01");
    }

    private void badCount(String which, String raw, String start) {
        warnings.add(ParseWarnings.BAD_COUNT, which + "='" + (raw == null ? "" : raw) + "' at site '"
                + siteId + "' entrance '" + entrance + "' " + start);
    }

    /** The trimmed value of a named attribute of the current element, or null. */
    private String attribute(String name) {
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            if (name.equals(r.getAttributeLocalName(i))) {
                return r.getAttributeValue(i).trim();
            }
        }
        return null;
    }
}
