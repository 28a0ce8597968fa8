package org.locationvisits.offsets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The partition offsets as one JSON object beside the state object:
 * {@code {"offsets": [{"partition": {...}, "offset": {...}}, ...]}}, e.g. {@code location_visits_poller_state.json}
 * gets {@code location_visits_poller_state.recovery.json}. A missing object means nothing is stored yet.
 */
public final class S3PartitionOffsets implements PartitionOffsets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(Map<String, Object> partition, Map<String, Object> offset) { }

    private record Document(List<Entry> offsets) { }

    private final S3Client s3;
    private final String bucket;
    private final String key;

    public S3PartitionOffsets(S3Client s3, String bucket, String stateKey) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = siblingKey(stateKey);
    }

    /** {@code x.json} → {@code x.recovery.json}; any other key gets {@code .recovery.json} appended. */
    public static String siblingKey(String stateKey) {
        return (stateKey.endsWith(".json") ? stateKey.substring(0, stateKey.length() - 5) : stateKey)
                + ".recovery.json";
    }

    public String location() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public Map<Map<String, Object>, Map<String, Object>> read() {
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return Map.of();
        }
        try {
            Document document = JSON.readValue(bytes, new TypeReference<Document>() { });
            Map<Map<String, Object>, Map<String, Object>> offsets = new LinkedHashMap<>();
            for (Entry entry : document.offsets() == null ? List.<Entry>of() : document.offsets()) {
                offsets.put(entry.partition(), entry.offset());
            }
            return offsets;
        } catch (IOException e) {
            throw new IllegalStateException("The recovery offsets object " + location() + " is not valid JSON ("
                    + e.getMessage() + "); delete it to forget what recovery remembered", e);
        }
    }

    @Override
    public void write(Map<Map<String, Object>, Map<String, Object>> offsets) {
        List<Entry> entries = new ArrayList<>();
        offsets.forEach((partition, offset) -> entries.add(new Entry(partition, offset)));
        try {
            byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Document(entries));
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
