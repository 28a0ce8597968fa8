package org.locationvisits.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Kinesis size limits, and splitting entries into PutRecords calls that respect them. */
final class RecordBatches {
    static final int MAX_RECORDS_PER_CALL = 500;
    static final long MAX_BYTES_PER_CALL = 5L << 20;
    static final long MAX_BYTES_PER_RECORD = 1L << 20;
    static final int MAX_PARTITION_KEY_CHARS = 256;

    private RecordBatches() {
    }

    /** Bytes Kinesis counts for an entry against call, record and shard limits: data plus partition key. */
    static long size(KinesisEntry entry) {
        return entry.data().length + (long) entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }

    static long size(List<KinesisEntry> entries) {
        long total = 0;
        for (KinesisEntry entry : entries) {
            total += size(entry);
        }
        return total;
    }

    /** Refuses the whole list before anything is sent, so a bad entry never leaves a half-delivered day. */
    static void validate(List<KinesisEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            KinesisEntry entry = entries.get(i);
            if (entry == null || entry.partitionKey() == null || entry.data() == null) {
                throw new IllegalArgumentException("entry " + i + " has no partition key or no data");
            }
            int keyLength = entry.partitionKey().length();
            if (keyLength < 1 || keyLength > MAX_PARTITION_KEY_CHARS) {
                throw new IllegalArgumentException("entry " + i + ": a Kinesis partition key has 1 to "
                        + MAX_PARTITION_KEY_CHARS + " characters, this one has " + keyLength);
            }
            if (size(entry) > MAX_BYTES_PER_RECORD) {
                throw new IllegalArgumentException("entry " + i + " (partition key '" + entry.partitionKey()
                        + "') is " + size(entry) + " bytes; a Kinesis record holds at most " + MAX_BYTES_PER_RECORD
                        + " bytes of data plus partition key");
            }
        }
    }
}
