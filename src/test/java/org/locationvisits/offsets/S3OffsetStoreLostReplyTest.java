package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.testsupport.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Against S3Proxy 4.1.0, which honours conditional writes as S3 does: a write whose reply was lost is retried
 * by the SDK and refused (412) because its own first attempt landed; that is a success, not another runner.
 */
class S3OffsetStoreLostReplyTest {
    private static final String BUCKET = "poller-state";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);

    private static S3ProxyServer s3proxy;
    private static S3Client s3;

    private final String key = "location-visits/" + UUID.randomUUID() + ".json";

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

    private S3OffsetStore store() {
        return new S3OffsetStore(s3, BUCKET, key);
    }

    @Test
    void createWhoseReplyWasLostIsASuccess() {
        S3OffsetStore store = store();
        store.read();
        int before = s3proxy.storedPuts();
        s3proxy.loseRepliesOfNextPuts(1);

        store.write(DAY);

        assertThat(s3proxy.storedPuts() - before).as("first attempt stored, retry refused").isEqualTo(1);
        assertThat(store().read()).contains(DAY);
    }

    @Test
    void overwriteWhoseReplyWasLostIsASuccessAndTheNextWriteStillWorks() {
        S3OffsetStore store = store();
        store.read();
        store.write(DAY);
        int before = s3proxy.storedPuts();
        s3proxy.loseRepliesOfNextPuts(1);

        store.write(DAY.plusDays(1));
        store.write(DAY.plusDays(2));

        assertThat(s3proxy.storedPuts() - before).isEqualTo(2);
        assertThat(store().read()).contains(DAY.plusDays(2));
    }

    @Test
    void aRivalThatWroteTheSameDayIsStillAnotherRunner() {
        S3OffsetStore mine = store();
        S3OffsetStore rival = store();
        mine.read();
        rival.read();
        rival.write(DAY);

        assertThatThrownBy(() -> mine.write(DAY))
                .isInstanceOf(OffsetConflictException.class)
                .hasMessageContaining("Another runner changed s3://" + BUCKET + "/" + key);
    }

    @Test
    void ofRacingWritersOfTheSameDayExactlyOneWins() {
        List<S3OffsetStore> stores = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            S3OffsetStore store = store();
            store.read();
            stores.add(store);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        for (S3OffsetStore store : stores) {
            writes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    store.write(DAY);
                    return true;
                } catch (OffsetConflictException e) {
                    return false;
                } catch (InterruptedException e) {
                    throw new CompletionException(e);
                }
            }));
        }
        go.countDown();

        assertThat(writes.stream().map(CompletableFuture::join)).containsOnlyOnce(true).hasSize(8);
    }
}
