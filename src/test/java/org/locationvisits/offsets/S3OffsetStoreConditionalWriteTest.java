package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.testsupport.S3ConflictStub;
import software.amazon.awssdk.services.s3.S3Client;

/** s3rver ignores If-Match / If-None-Match, so the headers and lost races are checked against a stub. */
class S3OffsetStoreConditionalWriteTest {
    private static final String BUCKET = "poller-state";
    private static final String KEY = "location-visits/state.json";
    private static final String LOCATION = "s3://" + BUCKET + "/" + KEY;

    private final S3ConflictStub stub = S3ConflictStub.start(BUCKET, KEY);
    private final S3Client s3 = TestS3Clients.forEndpoint(stub.endpoint());
    private final S3OffsetStore store = new S3OffsetStore(s3, BUCKET, KEY);

    @AfterEach
    void close() {
        s3.close();
        stub.close();
    }

    @Test
    void createsWithIfNoneMatchWhenTheObjectWasMissing() {
        assertThat(store.read()).isEmpty();

        assertThatThrownBy(() -> store.write(LocalDate.of(2024, 3, 25))).isInstanceOf(OffsetConflictException.class);

        assertThat(stub.puts()).singleElement().satisfies(headers -> {
            assertThat(headers).containsEntry("if-none-match", "*");
            assertThat(headers).doesNotContainKey("if-match");
        });
    }

    @Test
    void overwritesOnlyTheEtagItRead() {
        stub.object("{\"last_poll_date\": \"2024-03-24\"}", "\"etag-read\"");
        store.read();

        assertThatThrownBy(() -> store.write(LocalDate.of(2024, 3, 25))).isInstanceOf(OffsetConflictException.class);

        assertThat(stub.puts()).singleElement().satisfies(headers -> {
            assertThat(headers).containsEntry("if-match", "\"etag-read\"");
            assertThat(headers).doesNotContainKey("if-none-match");
        });
    }

    @Test
    void nextWriteIsConditionalOnTheEtagOfTheLastWrite() {
        stub.acceptPuts("\"etag-1\"", "\"etag-2\"", "\"etag-3\"");
        store.read();

        store.write(LocalDate.of(2024, 3, 25));
        store.write(LocalDate.of(2024, 3, 26));
        store.write(LocalDate.of(2024, 3, 27));

        assertThat(stub.puts()).extracting(headers -> headers.get("if-match"))
                .containsExactly(null, "\"etag-1\"", "\"etag-2\"");
        assertThat(stub.puts().get(0)).containsEntry("if-none-match", "*");
    }

    @Test
    void preconditionFailedSaysAnotherRunnerChangedTheObject() {
        stub.object("{\"last_poll_date\": \"2024-03-24\"}", "\"etag-read\"");
        store.read();

        assertThatThrownBy(() -> store.write(LocalDate.of(2024, 3, 25)))
                .isInstanceOf(OffsetConflictException.class)
                .hasMessageContaining("Another runner changed " + LOCATION + " since this runner read it")
                .hasMessageContaining("nothing was overwritten")
                .hasMessageContaining("only one runner");
    }

    @Test
    void concurrentConditionalWriteIsAConflictToo() {
        stub.failPutsWith(409, "ConditionalRequestConflict");
        store.read();

        assertThatThrownBy(() -> store.write(LocalDate.of(2024, 3, 25)))
                .isInstanceOf(OffsetConflictException.class)
                .hasMessageContaining(LOCATION);
    }

    @Test
    void accessDeniedNamesTheBucketAndThePermissions() {
        stub.failGetsWith(403, "AccessDenied");

        assertThatThrownBy(store::read)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("access denied")
                .hasMessageContaining("bucket '" + BUCKET + "'")
                .hasMessageContaining("s3:GetObject");
    }
}
