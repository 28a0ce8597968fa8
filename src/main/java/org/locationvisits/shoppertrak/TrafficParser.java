package org.locationvisits.shoppertrak;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.function.Consumer;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams a ShopperTrak traffic response into {@link TrafficRow}s, one at a time, without
 * building a tree (an allsites day is a few MB of XML).
 *
 * <p>Rows reach the consumer as they are read, so a problem found later in the document
 * (a second date, truncated XML) surfaces after some rows were delivered. Callers must
 * buffer rows and use them only when {@code parse} returns {@link ParseOutcome.Parsed}.
 *
 * <p>DTDs and entities are refused: the response comes from the network, and an XXE or
 * entity-expansion payload must end as a {@link TrafficDataException}, not a file read.
 * An instance is not meant for concurrent use.
 */
public final class TrafficParser {
    private final XMLInputFactory factory;

    public TrafficParser() {
        // The JDK's own implementation, whatever StAX provider happens to be on the classpath.
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
    }

    /**
     * Parses one response body for {@code expectedDate}.
     *
     * @throws TrafficDataException when the body is not trustworthy traffic for that day
     */
    public ParseOutcome parse(InputStream xml, LocalDate expectedDate, Consumer<TrafficRow> rows) {
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(xml);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        try {
            return new TrafficDocument(reader, expectedDate, rows).read();
        } catch (XMLStreamException e) {
            throw malformed(e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Closing releases parser state only; the outcome is already decided.
            }
        }
    }

    private static TrafficDataException malformed(XMLStreamException e) {
        // The parser's message names the position and the problem, never document content.
        return new TrafficDataException("Malformed XML from ShopperTrak: " + e.getMessage(), e);
    }
}
