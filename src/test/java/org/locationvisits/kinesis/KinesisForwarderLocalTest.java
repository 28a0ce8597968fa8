package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.KinesisLocal;

/** The forwarder against kinesis-local, a real Kinesis implementation (without AWS's limits). */
class KinesisForwarderLocalTest {
    private static final AtomicInteger streams = new AtomicInteger();
    private static KinesisLocal kinesis;

    @BeforeAll
    static void startKinesis() {
        kinesis = KinesisLocal.start();
    }

    @AfterAll
    static void stopKinesis() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    private static String freshStream(int shards) {
        String name = "visits-" + streams.incrementAndGet();
        kinesis.createStream(name, shards);
        return name;
    }

    @Test
    void deliversEveryRecordWithItsKeyAndBytesInOrderPerKey() {
        String stream = freshStream(2);
        List<KinesisEntry> entries = Entries.of(300, 12);

        new KinesisForwarder(kinesis.client(), stream, 100).send(entries);

        List<KinesisEntry> arrived = kinesis.readAll(stream);
        assertThat(arrived).hasSize(300);
        assertThat(Entries.byKey(arrived)).isEqualTo(Entries.byKey(entries));
    }

    @Test
    void sendsAtMostBatchSizeRecordsPerCall() {
        String stream = freshStream(1);
        KinesisForwarder forwarder = new KinesisForwarder(kinesis.client(), stream, 3);

        forwarder.send(Entries.of(7, 2));

        assertThat(forwarder.lastSend().calls()).isEqualTo(3);
        assertThat(forwarder.lastSend().records()).isEqualTo(7);
        assertThat(kinesis.readAll(stream)).hasSize(7);
    }

    @Test
    void acceptsStreamArnAndPlainName() {
        String stream = freshStream(1);
        String arn = kinesis.client().describeStreamSummary(r -> r.streamName(stream))
                .streamDescriptionSummary().streamARN();
        assertThat(arn).startsWith("arn:aws:kinesis:us-east-1:").endsWith(":stream/" + stream);

        new KinesisForwarder(kinesis.client(), arn, 500).send(Entries.of(5, 1));
        new KinesisForwarder(kinesis.client(), stream, 500).send(Entries.of(5, 1));

        assertThat(kinesis.readAll(stream)).hasSize(10);
    }

    @Test
    void unknownStreamFailsWithTheStreamNamed() {
        KinesisForwarder forwarder = new KinesisForwarder(kinesis.client(), "no-such-stream", 500);

        assertThatThrownBy(() -> forwarder.send(Entries.of(3, 1)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageContaining("3 of 3 entries")
                .hasMessageContaining("no-such-stream")
                .hasMessageContaining("ResourceNotFoundException");
    }
}
