package org.locationvisits.offsets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.locationvisits.offsets.SourceOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every offset of the main job in the S3 object the Python poller used, one document:
 * {@code {"last_poll_date": "YYYY-MM-DD", <the task's other keys>, "offsets": [...]}} (see {@link OffsetDocument})
 * (see {@link OffsetDocument}). The poller reads only {@code last_poll_date}, so either can run on the other's state.
 *
 * <p>Each {@link #writeAll} is one PUT, conditional on the ETag of what was last read or written
 * ({@code If-None-Match: *} when there was no object), so two runners sharing one state object, or an operator's
 * {@code offsets set} during a run, fail loudly with {@link OffsetConflictException} instead of silently
 * overwriting each other. Only this one key is ever written; the role needs GetObject/PutObject on it alone.
 *
 * <p>A document without {@code offsets} (the poller's, or one an earlier version wrote beside its
 * {@code <state>.recovery.json}) makes the store read that legacy sibling once and merge it; a denied or missing
 * sibling only means recovery's memory starts empty.
 */
public final class S3OffsetStore implements OffsetStore {
    private static final Logger log = LoggerFactory.getLogger(S3OffsetStore.class);
    static final String FIELD = OffsetDocument.FIELD;
    /** User metadata naming the write that stored the object, so a retry of ours is told from another runner. */
    static final String WRITE_ID = "offset-write-id";

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final S3OffsetMessages messages;
    /** What we know of the object: not read yet, known missing, or its ETag. */
    private State state = State.UNREAD;
    private String etag;
    /** What the object holds as this store last read or wrote it. */
    private Map<Map<String, Object>, Map<String, Object>> current = Map.of();
    /** The legacy sibling's partitions once tried; null until then, so it is asked at most once. */
    private Map<Map<String, Object>, Map<String, Object>> legacy;

    private enum State { UNREAD, MISSING, PRESENT }

    public S3OffsetStore(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = requireText(bucket, "bucket");
        this.key = requireText(key, "key");
        this.messages = new S3OffsetMessages(bucket, location());
    }

    /** {@code s3://bucket/key}, for messages and operator commands. */
    public String location() {
        return "s3://" + bucket + "/" + key;
    }

    /** {@code x.json} → {@code x.recovery.json}: where versions before the one state object kept the other partitions. */
    public static String legacySiblingKey(String stateKey) {
        return (stateKey.endsWith(".json") ? stateKey.substring(0, stateKey.length() - 5) : stateKey)
                + ".recovery.json";
    }

    /** The body {@link #writeAll} stores for {@code offsets}, e.g. to measure it. */
    public static String document(Map<Map<String, Object>, Map<String, Object>> offsets) {
        return OffsetDocument.format(OffsetDocument.checked(offsets));
    }

    @Override
    public synchronized Map<Map<String, Object>, Map<String, Object>> readAll() {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return missing();
        } catch (S3Exception e) {
            if (isMissingKey(e)) {
                return missing();
            }
            // A 403 here, object present or not (without s3:ListBucket S3 answers 403 for a missing key), stops the
            // run: guessing "nothing stored" would restart from LAST_POLL_DATE and re-send days.
            throw messages.failure("read", e);
        } catch (SdkClientException e) {
            throw messages.unreachable("read", e);
        }
        OffsetDocument.Parsed parsed = OffsetDocument.parse(object.asString(StandardCharsets.UTF_8), messages);
        Map<Map<String, Object>, Map<String, Object>> offsets = parsed.offsets();
        if (!parsed.hasOffsets()) {
            Map<Map<String, Object>, Map<String, Object>> merged = new LinkedHashMap<>(legacy());
            merged.putAll(offsets);
            offsets = OffsetDocument.checked(merged);
        }
        state = State.PRESENT;
        etag = object.response().eTag();
        current = offsets;
        log.info("Read offset {}={} from {} ({} other partition(s))", FIELD,
                offsets.get(SourceOffsets.PARTITION).get(FIELD), location(), offsets.size() - 1);
        return current;
    }

    /**
     * Stores {@code offsets} if nobody changed the object since this store last read or wrote it.
     * {@link #readAll()} must come first: without it there is nothing to detect a conflict against.
     */
    @Override
    public synchronized void writeAll(Map<Map<String, Object>, Map<String, Object>> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        if (state == State.UNREAD) {
            throw new IllegalStateException("call readAll() or read() before writing " + location()
                    + ", so the write can detect whether another runner changed it");
        }
        Map<Map<String, Object>, Map<String, Object>> checked = OffsetDocument.checked(offsets);
        Object lastPollDate = checked.get(SourceOffsets.PARTITION).get(FIELD);
        String body = OffsetDocument.format(checked);
        String writeId = UUID.randomUUID().toString();
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType("application/json")
                .metadata(Map.of(WRITE_ID, writeId));
        if (state == State.PRESENT) {
            request.ifMatch(etag);
        } else {
            request.ifNoneMatch("*");
        }
        String newEtag;
        try {
            newEtag = s3.putObject(request.build(), RequestBody.fromString(body, StandardCharsets.UTF_8)).eTag();
        } catch (S3Exception e) {
            if (!isConflict(e)) {
                throw messages.failure("write", e);
            }
            newEtag = landedEarlier(writeId, body, e).orElseThrow(messages::conflict).eTag();
            log.info("S3 answered {} to a retry of the write of {}={} at {}, but that write had already landed "
                    + "(the reply to its first attempt was lost)", e.statusCode(), FIELD, lastPollDate, location());
        } catch (SdkClientException e) {
            throw messages.unreachable("write", e);
        }
        if (newEtag == null) {
            // Without an ETag the next write could not be conditional; refuse rather than lose the guard.
            state = State.UNREAD;
            throw new IllegalStateException("S3 stored " + location() + " but returned no ETag, so further "
                    + "writes cannot be made safe against other runners; use an S3 endpoint that returns ETags");
        }
        state = State.PRESENT;
        etag = newEtag;
        current = checked;
        log.info("Stored offset {}={} at {} ({} other partition(s), {} bytes)", FIELD, lastPollDate, location(),
                checked.size() - 1, body.length());
    }

    @Override
    public synchronized void write(LocalDate lastPollDate) {
        Objects.requireNonNull(lastPollDate, "lastPollDate");
        Map<Map<String, Object>, Map<String, Object>> moved = new LinkedHashMap<>(current);
        moved.put(Map.copyOf(SourceOffsets.PARTITION), SourceOffsets.moved(current.get(SourceOffsets.PARTITION),
                lastPollDate, false));
        writeAll(moved);
    }

    /** The sibling an earlier version wrote, read at most once per store (see {@link LegacySibling}). */
    private Map<Map<String, Object>, Map<String, Object>> legacy() {
        if (legacy == null) {
            legacy = LegacySibling.read(s3, bucket, legacySiblingKey(key), messages);
        }
        return legacy;
    }

    /**
     * When the reply to a conditional PUT is lost, the SDK sends it again and the retry meets the object its
     * first attempt stored: 412 (or 409). The object then carries this write's id and body, which another
     * runner's write never does, even one of the same day.
     */
    private Optional<GetObjectResponse> landedEarlier(String writeId, String body, S3Exception refused) {
        ResponseBytes<GetObjectResponse> found;
        try {
            found = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw messages.unverifiable(refused.statusCode(), e);
        }
        boolean ours = writeId.equals(found.response().metadata().get(WRITE_ID))
                && body.equals(found.asUtf8String());
        return ours ? Optional.of(found.response()) : Optional.empty();
    }

    private Map<Map<String, Object>, Map<String, Object>> missing() {
        state = State.MISSING;
        etag = null;
        current = Map.of();
        log.info("No offset stored at {} yet", location());
        return current;
    }

    static boolean isMissingKey(S3Exception e) {
        return e.statusCode() == 404 && !(e instanceof NoSuchBucketException)
                && !"NoSuchBucket".equals(S3OffsetMessages.errorCode(e));
    }

    /** 412: the condition failed; 409 ConditionalRequestConflict: a concurrent conditional write won. */
    private static boolean isConflict(S3Exception e) {
        return e.statusCode() == 412
                || (e.statusCode() == 409 && "ConditionalRequestConflict".equals(S3OffsetMessages.errorCode(e)));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the offset store's " + name + " must not be blank");
        }
        return value;
    }

    @Override
    public String toString() {
        return "S3OffsetStore[" + location() + "]";
    }
}
