package org.locationvisits.check;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.offsets.SourceOffsets;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one state object: readable and valid (read as the job reads it, with its messages), and writable, proved by
 * {@link S3WriteProbe}, which writes nothing there: on an endpoint that ignores conditional writes it probes only a
 * throwaway sibling and leaves the state object untouched.
 */
final class StateObjectCheck implements Check {
    static final String READ = "state object read";
    static final String WRITE = "state object write";

    private final S3Client s3;
    private final String bucket;
    private final String key;

    StateObjectCheck(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    @Override
    public List<CheckResult> run() {
        S3OffsetStore store = new S3OffsetStore(s3, bucket, key);
        String where = store.location();
        CheckResult read;
        try {
            Map<Map<String, Object>, Map<String, Object>> stored = store.readAll();
            LocalDate last = SourceOffsets.lastPollDate(stored.get(SourceOffsets.PARTITION));
            read = CheckResult.ok(READ, where, last == null
                    ? "no state stored yet: the next run starts after LAST_POLL_DATE"
                    : "last_poll_date " + last + ": the next run starts with " + last.plusDays(1));
        } catch (RuntimeException e) {
            // The store's messages already name the object, the operation and what to check.
            return List.of(CheckResult.fail(READ, where, e.getMessage()),
                    CheckResult.skip(WRITE, where, "not checked: the object must be readable first"));
        }
        return List.of(read, S3WriteProbe.of(s3, bucket, key).run(WRITE, true));
    }
}
