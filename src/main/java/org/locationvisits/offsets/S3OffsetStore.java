package org.locationvisits.offsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
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
    private static final String EXPECTED_SHAPE = "{\"" + FIELD + "\": \"YYYY-MM-DD\"}";

    private final S3Client s3;
    private final String bucket;
    private final String key;
    /** What we know of the object: not read yet, known missing, or its ETag. */
    private State state = State.UNREAD;
    private String etag;

    private enum State { UNREAD, MISSING, PRESENT }

    public S3OffsetStore(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = requireText(bucket, "bucket");
        this.key = requireText(key, "key");
    }

    /** {@code s3://bucket/key}, for messages and operator commands. */
    public String location() {
        return "s3://" + bucket + "/" + key;
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
                    && !"NoSuchBucket".equals(errorCode(e))) {
                return missing();
            }
            throw failure("read", e);
        } catch (SdkClientException e) {
            throw unreachable("read", e);
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
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType("application/json");
        if (state == State.PRESENT) {
            request.ifMatch(etag);
        } else {
            request.ifNoneMatch("*");
        }
        PutObjectResponse response;
        try {
            response = s3.putObject(request.build(), RequestBody.fromString(format(lastPollDate), StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (isConflict(e)) {
                throw conflict();
            }
            throw failure("write", e);
        } catch (SdkClientException e) {
            throw unreachable("write", e);
        }
        if (response.eTag() == null) {
            // Without an ETag the next write could not be conditional; refuse rather than lose the guard.
            state = State.UNREAD;
            throw new IllegalStateException("S3 stored " + location() + " but returned no ETag, so further "
                    + "writes cannot be made safe against other runners; use an S3 endpoint that returns ETags");
        }
        state = State.PRESENT;
        etag = response.eTag();
        log.info("Stored offset {}={} at {}", FIELD, lastPollDate, location());
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
            throw malformed(body, "it is empty");
        }
        JsonNode value;
        try {
            JsonNode root = JSON.readTree(body);
            value = root == null ? null : root.get(FIELD);
        } catch (JsonProcessingException e) {
            throw malformed(body, "it is not JSON");
        }
        if (value == null || !value.isTextual()) {
            throw malformed(body, "it has no text field \"" + FIELD + "\"");
        }
        try {
            return LocalDate.parse(value.asText().trim());
        } catch (DateTimeParseException e) {
            throw malformed(body, "\"" + value.asText() + "\" is not a date");
        }
    }

    private IllegalStateException malformed(String body, String reason) {
        String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return new IllegalStateException("The offset object " + location() + " is not valid: " + reason
                + ". Expected " + EXPECTED_SHAPE + " but found: " + shown.strip()
                + ". Replace it with the last fully delivered day in that shape (the runner's 'offsets set'"
                + " command writes it), or delete it to start as if no offset were stored.");
    }

    private OffsetConflictException conflict() {
        return new OffsetConflictException("Another runner changed " + location() + " since this runner read it,"
                + " so the offset was not written (nothing was overwritten). Make sure only one runner uses this"
                + " state object (e.g. one scheduled task), check its current value, then run again.");
    }

    private IllegalStateException failure(String action, S3Exception e) {
        String code = errorCode(e);
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
            return new IllegalStateException("Could not " + action + " the offset at " + location()
                    + ": bucket '" + bucket + "' does not exist. Create it or fix the configured bucket name.", e);
        }
        if (e.statusCode() == 403) {
            return new IllegalStateException("Could not " + action + " the offset at " + location()
                    + ": access denied (" + code + ") to bucket '" + bucket + "'. Grant the runner's role"
                    + " s3:GetObject and s3:PutObject on " + location() + " and s3:ListBucket on bucket '"
                    + bucket + "' (without it a missing object reads as access denied).", e);
        }
        return new IllegalStateException("Could not " + action + " the offset at " + location() + ": S3 answered "
                + e.statusCode() + " " + code + ".", e);
    }

    private IllegalStateException unreachable(String action, SdkClientException e) {
        return new IllegalStateException("Could not " + action + " the offset at " + location()
                + ": S3 is unreachable (" + e.getMessage() + "). Check the network and AWS_ENDPOINT_URL_S3.", e);
    }

    /** 412: the condition failed; 409 ConditionalRequestConflict: a concurrent conditional write won. */
    private static boolean isConflict(S3Exception e) {
        return e.statusCode() == 412
                || (e.statusCode() == 409 && "ConditionalRequestConflict".equals(errorCode(e)));
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
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
