package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.testsupport.LogCapture;
import org.locationvisits.testsupport.S3ProxyServer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one state object against S3Proxy 4.1.0 over HTTP (conditional writes honoured), including a role granted
 * GetObject/PutObject on the state key alone.
 */
class S3OffsetStoreOneObjectTest {
    private static final String BUCKET = "poller-state";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final Map<String, Object> MAIN = Map.copyOf(SourceOffsets.PARTITION);
    private static final Map<String, Object> CALLS = Map.of("shoppertrak_calls", "per_day");

    private static S3ProxyServer s3proxy;
    private static S3Client s3;

    private final String key = "location-visits/" + UUID.randomUUID() + ".json";
    private final String sibling = S3OffsetStore.legacySiblingKey(key);

    @BeforeAll
    static void startS3Proxy() {
        s3proxy = S3ProxyServer.start(BUCKET);
        s3 = s3proxy.client();
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    @AfterEach
    void grantEverything() {
        s3proxy.grantOnly(null);
    }

    private S3OffsetStore store() {
        return new S3OffsetStore(s3, BUCKET, key);
    }

    private void put(String objectKey, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(objectKey).contentType("application/json"),
                RequestBody.fromString(body, StandardCharsets.UTF_8));
    }

    private String stored(String objectKey) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(objectKey)).asUtf8String();
    }

    /** A day with unhealthy increments (one off the quarter hour, one without an orbit number) and a missing site. */
    private static Map<String, Object> memoryOf(LocalDate day) {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(day, List.of(
                new TrafficRow("aa lib", 1, day + "T09:15:00", 0, 0, false),
                new TrafficRow("aa lib", null, day + "T09:07:00", 0, 0, false),
                new TrafficRow("aa lib", 2, day + "T10:00:00", 5, 4, true)), List.of("aa lib", "bb lib"));
        return memory.offset(day);
    }

    private static Map<Map<String, Object>, Map<String, Object>> everything(LocalDate lastPollDate) {
        Map<Map<String, Object>, Map<String, Object>> all = new LinkedHashMap<>();
        all.put(MAIN, Map.of("last_poll_date", lastPollDate.toString()));
        all.put(Map.copyOf(RecoveryMemory.partition(DAY)), memoryOf(DAY));
        all.put(CALLS, Map.of("day", lastPollDate.plusDays(1).toString(), "calls", 12));
        return all;
    }

    @Test
    void aRoleGrantedTheStateKeyAloneReadsAndWritesEverythingAndAsksForNoOtherKeyAfterOneLegacyRead() {
        put(key, "{\"last_poll_date\": \"2024-03-01\"}");
        s3proxy.grantOnly(key);
        int before = s3proxy.requests().size();

        try (LogCapture logs = LogCapture.start()) {
            S3OffsetStore store = store();
            assertThat(store.readAll()).containsExactly(Map.entry(MAIN, Map.of("last_poll_date", "2024-03-01")));
            store.writeAll(everything(DAY.plusDays(1)));
            store.readAll();
            store.writeAll(everything(DAY.plusDays(2)));
            S3OffsetStore next = store();
            assertThat(next.readAll()).isEqualTo(everything(DAY.plusDays(2)));
            assertThat(next.read()).contains(DAY.plusDays(2));

            assertThat(logs.text()).contains("are not readable (access denied, AccessDenied)")
                    .contains("Recovery's memory starts empty").doesNotContain("Exception");
        }
        List<String> requests = s3proxy.requests().subList(before, s3proxy.requests().size());
        assertThat(requests.get(1)).isEqualTo("GET " + sibling);
        assertThat(requests).filteredOn(r -> !r.endsWith(" " + key)).containsExactly("GET " + sibling);
        assertThat(requests).filteredOn(r -> r.startsWith("PUT ")).hasSize(2);
    }

    @Test
    void aMissingStateObjectIsNothingStoredAndNeedsNoOtherKey() {
        s3proxy.grantOnly(key);
        int before = s3proxy.requests().size();
        S3OffsetStore store = store();

        assertThat(store.readAll()).isEmpty();
        store.writeAll(everything(DAY));

        assertThat(s3proxy.requests().subList(before, s3proxy.requests().size()))
                .containsExactly("GET " + key, "PUT " + key);
        assertThat(store().readAll()).isEqualTo(everything(DAY));
    }

    @Test
    void aRivalWriteBetweenReadAndWriteIsAConflictAndNothingIsOverwritten() {
        S3OffsetStore setup = store();
        setup.readAll();
        setup.writeAll(everything(DAY));
        S3OffsetStore mine = store();
        S3OffsetStore rival = store();
        mine.readAll();
        rival.readAll();
        Map<Map<String, Object>, Map<String, Object>> rivals = new LinkedHashMap<>(everything(DAY.plusDays(1)));
        rivals.remove(Map.copyOf(RecoveryMemory.partition(DAY)));
        rival.writeAll(rivals);
        String afterRival = stored(key);

        assertThatThrownBy(() -> mine.writeAll(everything(DAY.plusDays(5))))
                .isInstanceOf(OffsetConflictException.class)
                .hasMessageContaining("nothing was overwritten");
        assertThatThrownBy(() -> mine.write(DAY.plusDays(5))).isInstanceOf(OffsetConflictException.class);

        assertThat(stored(key)).isEqualTo(afterRival);
        assertThat(store().readAll()).isEqualTo(rivals);
    }

    @Test
    void aReadableLegacySiblingIsMergedOnceAndNeverWritten() {
        put(key, "{\"last_poll_date\": \"2024-03-01\"}");
        String legacy = "{\n  \"offsets\" : [ {\n    \"partition\" : {\"recovery_day\" : \"2024-03-01\"},\n"
                + "    \"offset\" : {\"pending\" : \"{\\\"unhealthy\\\":{\\\"aa lib\\\":[\\\"1|09:15:00\\\"]},"
                + "\\\"missing\\\":[\\\"bb lib\\\"]}\"}\n  }, {\n"
                + "    \"partition\" : {\"shoppertrak_calls\" : \"per_day\"},\n"
                + "    \"offset\" : {\"day\" : \"2024-03-02\", \"calls\" : 4}\n  } ]\n}";
        put(sibling, legacy);
        int before = s3proxy.requests().size();

        S3OffsetStore store = store();
        Map<Map<String, Object>, Map<String, Object>> read = store.readAll();
        assertThat(read).containsKeys(MAIN, Map.copyOf(RecoveryMemory.partition(DAY)), CALLS);
        assertThat(read.get(CALLS)).isEqualTo(Map.of("day", "2024-03-02", "calls", 4));
        RecoveryMemory memory = new RecoveryMemory();
        memory.restore(DAY, read.get(Map.copyOf(RecoveryMemory.partition(DAY))));
        assertThat(memory.describe()).containsExactly("'aa lib' 2024-03-01: 1 unhealthy increment(s)",
                "'bb lib' 2024-03-01: missing");
        store.readAll();
        store.write(DAY.plusDays(1));
        assertThat(store().readAll()).containsKeys(Map.copyOf(RecoveryMemory.partition(DAY)), CALLS);

        assertThat(s3proxy.requests().subList(before, s3proxy.requests().size()))
                .filteredOn(r -> r.endsWith(" " + sibling)).containsExactly("GET " + sibling);
        assertThat(stored(sibling)).isEqualTo(legacy);
        assertThat(stored(key)).startsWith("{\"last_poll_date\":\"2024-03-02\",\"offsets\":[");
    }

    @Test
    void anUnusableLegacySiblingWarnsOnceAndTheStateStillReads() {
        put(key, "{\"last_poll_date\": \"2024-03-01\"}");
        put(sibling, "not json");

        try (LogCapture logs = LogCapture.start()) {
            assertThat(store().readAll()).containsOnlyKeys(MAIN);
            assertThat(logs.text()).contains("Could not use the legacy recovery offsets")
                    .contains("carrying on with recovery's memory empty");
        }
    }

    @Test
    void thePythonPollersDocumentReadsAsTheMainPartitionAlone() {
        put(key, "{\"last_poll_date\": \"2024-03-01\"}");

        try (LogCapture logs = LogCapture.start()) {
            assertThat(store().readAll()).containsExactly(Map.entry(MAIN, Map.of("last_poll_date", "2024-03-01")));
            assertThat(logs.text()).contains("No legacy recovery offsets at s3://" + BUCKET + "/" + sibling);
        }
    }
}
