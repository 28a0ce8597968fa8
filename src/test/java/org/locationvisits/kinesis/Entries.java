package org.locationvisits.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test entries and comparisons of what arrived with what was sent. */
final class Entries {
    private Entries() {
    }

    /** {@code count} entries over {@code keys} partition keys, each with distinct, checkable bytes. */
    static List<KinesisEntry> of(int count, int keys) {
        List<KinesisEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new KinesisEntry("site-" + (i % keys), ("record-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    static List<KinesisEntry> sized(int count, int bytes) {
        List<KinesisEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[bytes];
            data[0] = (byte) i;
            entries.add(new KinesisEntry("site-" + i, data));
        }
        return entries;
    }

    /** Per partition key, the data in order, as strings so assertion failures are readable. */
    static Map<String, List<String>> byKey(List<KinesisEntry> entries) {
        return entries.stream().collect(Collectors.groupingBy(KinesisEntry::partitionKey,
                Collectors.mapping(e -> new String(e.data(), StandardCharsets.ISO_8859_1), Collectors.toList())));
    }

    /** Each entry as "key/data", for multiset comparisons where order does not matter. */
    static List<String> keyed(List<KinesisEntry> entries) {
        return entries.stream().map(e -> e.partitionKey() + "/" + new String(e.data(), StandardCharsets.ISO_8859_1))
                .sorted().toList();
    }
}
