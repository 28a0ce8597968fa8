package org.locationvisits.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Decodes schemaless Avro bytes with the schema alone and writes the record as one JSON object. */
public final class AvroJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Schema schema;
    private final GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;

    public AvroJson(Schema schema) {
        this.schema = schema;
        this.reader = new GenericDatumReader<>(schema);
    }

    public GenericRecord decode(byte[] bytes) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("not a LocationVisits record", e);
        }
    }

    public void append(byte[] bytes, StringBuilder out) {
        GenericRecord record = decode(bytes);
        ObjectNode node = JSON.createObjectNode();
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            // Numbers and booleans stay JSON numbers and booleans; Avro strings (Utf8) and anything else as text.
            node.set(field.name(), value == null ? NullNode.getInstance()
                    : value instanceof Number || value instanceof Boolean ? JSON.valueToTree(value)
                    : TextNode.valueOf(value.toString()));
        }
        out.append(node);
    }
}
