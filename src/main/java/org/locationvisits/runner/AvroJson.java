package org.locationvisits.runner;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decodes schemaless Avro bytes with the schema alone and writes the record as one JSON object. */
final class AvroJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Schema schema;
    private final GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;

    AvroJson(Schema schema) {
        this.schema = schema;
        this.reader = new GenericDatumReader<>(schema);
    }

    GenericRecord decode(byte[] bytes) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("not a LocationVisits record", e);
        }
    }

    void append(byte[] bytes, StringBuilder out) {
        GenericRecord record = decode(bytes);
        ObjectNode node = JSON.createObjectNode();
        for (Schema.Field field : schema.getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                node.putNull(field.name());
            } else if (value instanceof Integer i) {
                node.put(field.name(), i);
            } else if (value instanceof Long l) {
                node.put(field.name(), l);
            } else if (value instanceof Boolean b) {
                node.put(field.name(), b);
            } else if (value instanceof Double d) {
                node.put(field.name(), d);
            } else if (value instanceof Float f) {
                node.put(field.name(), f);
            } else {
                node.put(field.name(), GenericData.get().toString(value).replaceAll("^\"|\"$", ""));
            }
        }
        out.append(node);
    }
}
