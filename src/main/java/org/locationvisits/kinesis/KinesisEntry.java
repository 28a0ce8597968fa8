package org.locationvisits.kinesis;

/** One Kinesis record to send: partition key and the schemaless Avro bytes. */
public record KinesisEntry(String partitionKey, byte[] data) {
}
