package org.locationvisits.offsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
 * The embedded runner's offset, kept in the same S3 object the Python poller used:
 * {@code {"last_poll_date": "YYYY-MM-DD"}}.
 *
 * <p>Writes are conditional on the ETag of what was last read or written ({@code If-None-Match: *}
 * when there was no object), so two runners sharing one state object fail loudly with
 * {@link OffsetConflictException} instead of silently moving each other's marker.
 */
public final class S3OffsetStore implements OffsetStore {
    private static final Logger log = LoggerFactory.getLogger(S3OffsetStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FIELD = "last_poll_date";
    /** User metadata naming the write that stored the object, so a retry of ours is told from another runner. */
    static final String WRITE_ID = "offset-write-id";

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final S3OffsetMessages messages;
    /** What we know of the object: not read yet, known missing, or its ETag. */
    private State state = State.UNREAD;
    private String etag;

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

    @Override
    public Map<Map<String, Object>, Map<String, Object>> readAll() {
        return read().<Map<Map<String, Object>, Map<String, Object>>>map(d -> Map.of(
                Map.copyOf(org.locationvisits.source.SourceOffsets.PARTITION),
                Map.copyOf(org.locationvisits.source.SourceOffsets.offset(d)))).orElse(Map.of());
    }

    @Override
    public void writeAll(Map<Map<String, Object>, Map<String, Object>> offsets) {
        write(org.locationvisits.source.SourceOffsets.lastPollDate(
                offsets.get(org.locationvisits.source.SourceOffsets.PARTITION)));
    }

    @Override
    public synchronized Optional<LocalDate> read() {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return missing();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)
                    && !"NoSuchBucket".equals(S3OffsetMessages.errorCode(e))) {
                return missing();
            }
            throw messages.failure("read", e);
        } catch (SdkClientException e) {
            throw messages.unreachable("read", e);
        }
        LocalDate date = parse(object.asString(StandardCharsets.UTF_8));
        state = State.PRESENT;
        etag = object.response().eTag();
        log.info("Read offset {}={} from {}", FIELD, date, location());
        return Optional.of(date);
    }

    /**
     * Stores {@code lastPollDate} if nobody changed the object since this store last read or wrote
     * it. {@link #read()} must come first: without it there is nothing to detect a conflict against.
     */
    @Override
    public synchronized void write(LocalDate lastPollDate) {
        Objects.requireNonNull(lastPollDate, "lastPollDate");
        if (state == State.UNREAD) {
            throw new IllegalStateException("call read() before write() on " + location()
                    + ", so the write can detect whether another runner changed it");
        }
        String body = format(lastPollDate);
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
        log.info("Stored offset {}={} at {}", FIELD, lastPollDate, location());
    }

    /**
     * When the reply to a conditional PUT is lost, the SDK sends it again and the retry meets the object its
     * first attempt stored: 412 (or 409). The object then carries this write's id and body, which another
     * runner's write never does, even one of the same day.
     */
    private Optional<GetObjectResponse> landedEarlier(String writeId, String body, S3Exception refused) {
        ResponseBytes<GetObjectResponse> current;
        try {
            current = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw messages.unverifiable(refused.statusCode(), e);
        }
        boolean ours = writeId.equals(current.response().metadata().get(WRITE_ID))
                && body.equals(current.asUtf8String());
        return ours ? Optional.of(current.response()) : Optional.empty();
    }

    /** Exactly what the Python poller wrote, so either can read the other's state. */
    static String format(LocalDate date) {
        return "{\"" + FIELD + "\": \"" + date + "\"}";
    }

    private Optional<LocalDate> missing() {
        state = State.MISSING;
        etag = null;
        log.info("No offset stored at {} yet", location());
        return Optional.empty();
    }

    private LocalDate parse(String body) {
        if (body.isBlank()) {
            throw messages.malformed(body, "it is empty");
        }
        JsonNode value;
        try {
            JsonNode root = JSON.readTree(body);
            value = root == null ? null : root.get(FIELD);
        } catch (JsonProcessingException e) {
            throw messages.malformed(body, "it is not JSON");
        }
        if (value == null || !value.isTextual()) {
            throw messages.malformed(body, "it has no text field \"" + FIELD + "\"");
        }
        try {
            return LocalDate.parse(value.asText().trim());
        } catch (DateTimeParseException e) {
            throw messages.malformed(body, "\"" + value.asText() + "\" is not a date");
        }
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
