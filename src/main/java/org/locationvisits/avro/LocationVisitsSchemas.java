package org.locationvisits.avro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Where LocationVisits schemas come from: the bundled file, or a Platform API answer. */
public final class LocationVisitsSchemas {
    /** Classpath location of the bundled first-generation schema (built from {@code src/main/avro}). */
    public static final String BUNDLED_RESOURCE = "/LocationVisits.avsc";
    /** Classpath location of the bundled current-generation schema. */
    public static final String BUNDLED_CURRENT_RESOURCE = "/LocationVisitsCurrent.avsc";
    /** A schema "URL" naming a bundled schema: {@code bundled:first} or {@code bundled:current}. */
    public static final String BUNDLED_PREFIX = "bundled:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocationVisitsSchemas() {
    }

    /** The first-generation schema shipped in the jar, used when no schema URL is configured. */
    public static Schema bundled() {
        return Bundled.FIRST;
    }

    /** The bundled schema of {@code generation}. */
    public static Schema bundled(RecordGeneration generation) {
        return generation == RecordGeneration.CURRENT ? Bundled.CURRENT : Bundled.FIRST;
    }

    /**
     * The bundled schema a setting names: empty for the first generation, {@code bundled:first} or
     * {@code bundled:current}; empty when the setting is a URL to fetch.
     *
     * @throws SchemaException for {@code bundled:} followed by anything else
     */
    public static java.util.Optional<Schema> bundledFor(String setting) {
        String s = setting == null ? "" : setting.strip();
        if (s.isEmpty()) {
            return java.util.Optional.of(bundled());
        }
        if (!s.startsWith(BUNDLED_PREFIX)) {
            return java.util.Optional.empty();
        }
        String name = s.substring(BUNDLED_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
        for (RecordGeneration g : RecordGeneration.values()) {
            if (g.lowerName().equals(name)) {
                return java.util.Optional.of(bundled(g));
            }
        }
        throw new SchemaException("LOCATION_VISITS_SCHEMA_URL '" + s + "' names no bundled schema; use "
                + BUNDLED_PREFIX + "first, " + BUNDLED_PREFIX + "current, an http(s) URL, or leave it empty");
    }

    /**
     * The record schema inside a Platform API answer {@code {"data": {"schema": "<avsc>", ...}}}.
     * A {@code data.schema} that is a JSON object rather than a string is accepted as well.
     *
     * @throws SchemaException when the answer is not that shape or the schema is not an Avro record
     */
    public static Schema fromEnvelope(String json) {
        if (json == null || json.isBlank()) {
            throw new SchemaException("The schema response is empty; expected {\"data\": {\"schema\": \"<Avro schema>\"}}."
                    + " Check that LOCATION_VISITS_SCHEMA_URL points at the Platform API schema endpoint.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SchemaException("The schema response is not JSON (" + e.getOriginalMessage() + "): "
                    + preview(json) + ". Check that LOCATION_VISITS_SCHEMA_URL points at the Platform API"
                    + " schema endpoint.", e);
        }
        JsonNode schema = root.path("data").path("schema");
        String avsc;
        if (schema.isTextual()) {
            avsc = schema.textValue();
        } else if (schema.isObject()) {
            avsc = schema.toString();
        } else {
            throw new SchemaException("The schema response has no data.schema string; expected"
                    + " {\"data\": {\"schema\": \"<Avro schema>\"}}, got: " + preview(json)
                    + ". Check that LOCATION_VISITS_SCHEMA_URL points at the Platform API schema endpoint.");
        }
        return parseRecord(avsc, "data.schema of the schema response");
    }

    /**
     * Parses an Avro schema that must be a record.
     *
     * @param source names where the text came from, for the error message
     */
    static Schema parseRecord(String avsc, String source) {
        Schema parsed;
        try {
            parsed = new Schema.Parser().parse(avsc);
        } catch (RuntimeException e) {
            // Besides SchemaParseException, Avro reports bad defaults as AvroTypeException and some
            // malformed shapes as NPEs; parsing is pure, so any of them means the text is bad.
            throw new SchemaException("The " + source + " is not a valid Avro schema: " + e.getMessage()
                    + ". Fix the schema, or leave LOCATION_VISITS_SCHEMA_URL empty to use the bundled one.", e);
        }
        if (parsed.getType() != Schema.Type.RECORD) {
            throw new SchemaException("The " + source + " is an Avro " + parsed.getType().getName()
                    + ", not a record; expected the LocationVisits record schema.");
        }
        return parsed;
    }

    private static String preview(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** Parsed once, on first use; a schema is immutable once parsed. */
    private static final class Bundled {
        static final Schema FIRST = load(BUNDLED_RESOURCE);
        static final Schema CURRENT = load(BUNDLED_CURRENT_RESOURCE);

        private static Schema load(String resource) {
            try (InputStream in = LocationVisitsSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath; the jar is broken");
                }
                return new Schema.Parser().parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
    }
}
