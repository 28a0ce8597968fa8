package org.locationvisits.runner;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.LocationVisitsEncoder;

/** TEMPORARY until avro.LocationVisitsConverter lands: the encoder as a Converter. */
public final class EncodingConverter implements Converter {
    private final LocationVisitsEncoder encoder;

    public EncodingConverter(LocationVisitsEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return encoder.encode(LocationVisitsConnect.fromStruct((Struct) value));
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        throw new UnsupportedOperationException();
    }
}
