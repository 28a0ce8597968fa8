package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.offsets.SourceOffsets;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Against a real s3rver process; each test uses its own key. */
class S3OffsetStoreTest {
    private static final String BUCKET = "poller-state";
    private static S3rver s3rver;
    private static S3Client s3;

    private final String key = "location-visits/" + UUID.randomUUID() + ".json";

    @BeforeAll
    static void startS3rver() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = TestS3Clients.forEndpoint(s3rver.endpoint());
    }

    @AfterAll
    static void stopS3rver() {
        if (s3 != null) {
            s3.close();
        }
        if (s3rver != null) {
            s3rver.close();
        }
    }

    private S3OffsetStore store() {
        return new S3OffsetStore(s3, BUCKET, key);
    }

    private void putRaw(String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("application/json"),
                RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    @Test
    void readsNothingWhenObjectIsMissing() {
        assertThat(store().read()).isEmpty();
    }

    @Test
    void readsTheStateFileOfThePythonPoller() {
        putRaw("{\"last_poll_date\": \"2024-03-25\"}");

        assertThat(store().read()).contains(LocalDate.of(2024, 3, 25));
    }

    @Test
    void toleratesOtherWhitespaceAndExtraFields() {
        putRaw("\n{ \"last_poll_date\" :\"2024-03-25\",\n  \"written_by\": \"python\" }\n");

        assertThat(store().read()).contains(LocalDate.of(2024, 3, 25));
    }

    @Test
    void writesOneCompactDocumentWithLastPollDateFirst() {
        S3OffsetStore store = store();
        store.read();

        store.write(LocalDate.of(2024, 3, 26));

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertThat(object.asUtf8String()).isEqualTo("{\"last_poll_date\":\"2024-03-26\",\"offsets\":[]}");
        assertThat(object.response().contentType()).isEqualTo("application/json");
    }

    @Test
    void keepsTheMainPartitionsPositionAndWriteDropsIt() {
        S3OffsetStore store = store();
        store.readAll();
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("last_poll_date", "2024-03-25");
        main.put("next_site", "bb lib");
        main.put("rows_sent", 42);
        store.writeAll(Map.of(Map.copyOf(SourceOffsets.PARTITION), main));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo(
                "{\"last_poll_date\":\"2024-03-25\",\"next_site\":\"bb lib\",\"rows_sent\":42,"
                        + "\"offsets\":[]}");
        assertThat(store().readAll()).containsExactly(Map.entry(Map.copyOf(SourceOffsets.PARTITION), main));

        store.write(LocalDate.of(2024, 3, 20));
        assertThat(store().readAll().get(SourceOffsets.PARTITION)).isEqualTo(Map.of("last_poll_date", "2024-03-20"));
    }

    @Test
    void explainsAnOffsetsListThatIsNotOne() {
        putRaw("{\"last_poll_date\": \"2024-03-25\", \"offsets\": {\"recovery_day\": 1}}");

        assertThatThrownBy(() -> store().readAll())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"offsets\" is not a list")
                .hasMessageContaining("s3://" + BUCKET + "/" + key);
    }

    @Test
    void refusesToStoreWithoutTheMainPartition() {
        S3OffsetStore store = store();
        store.readAll();

        assertThatThrownBy(() -> store.writeAll(Map.of(Map.of("shoppertrak_calls", "per_day"),
                Map.of("day", "2024-03-25", "calls", 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last_poll_date");
    }

    @Test
    void anotherStoreReadsWhatWasWritten() {
        S3OffsetStore writer = store();
        writer.read();
        writer.write(LocalDate.of(2024, 3, 25));

        assertThat(store().read()).contains(LocalDate.of(2024, 3, 25));
    }

    @Test
    void writesManyDaysInSequenceAfterOneRead() {
        putRaw("{\"last_poll_date\": \"2024-02-27\"}");
        S3OffsetStore store = store();
        LocalDate day = store.read().orElseThrow();

        for (int i = 0; i < 5; i++) {
            day = day.plusDays(1);
            store.write(day);
            assertThat(store().read()).contains(day);
        }

        assertThat(day).isEqualTo(LocalDate.of(2024, 3, 3));
    }

    @Test
    void refusesToWriteBeforeReading() {
        assertThatThrownBy(() -> store().write(LocalDate.of(2024, 3, 25)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read()");
    }

    @Test
    void explainsAnObjectThatIsNotJson() {
        putRaw("last_poll_date=2024-03-25");

        assertThatThrownBy(() -> store().read())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + key)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("{\"last_poll_date\": \"YYYY-MM-DD\"}")
                .hasMessageContaining("offsets set");
    }

    @Test
    void explainsABadDate() {
        putRaw("{\"last_poll_date\": \"2024-13-45\"}");

        assertThatThrownBy(() -> store().read())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + key)
                .hasMessageContaining("\"2024-13-45\" is not a date")
                .hasMessageContaining("{\"last_poll_date\": \"YYYY-MM-DD\"}");
    }

    @Test
    void explainsAMissingField() {
        putRaw("{\"lastPollDate\": \"2024-03-25\"}");

        assertThatThrownBy(() -> store().read())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no text field \"last_poll_date\"");
    }

    @Test
    void explainsAnEmptyObject() {
        putRaw("");

        assertThatThrownBy(() -> store().read())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void namesAMissingBucket() {
        S3OffsetStore store = new S3OffsetStore(s3, "no-such-bucket", "state.json");

        assertThatThrownBy(store::read)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket 'no-such-bucket' does not exist");
    }

    @Test
    void namesTheLegacySiblingAsEarlierVersionsDid() {
        assertThat(S3OffsetStore.legacySiblingKey("location_visits_poller_state.json"))
                .isEqualTo("location_visits_poller_state.recovery.json");
        assertThat(S3OffsetStore.legacySiblingKey("state/poller")).isEqualTo("state/poller.recovery.json");
    }

    @Test
    void knowsItsLocation() {
        assertThat(new S3OffsetStore(s3, "b", "dir/state.json").location()).isEqualTo("s3://b/dir/state.json");
    }
}
