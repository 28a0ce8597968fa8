package org.locationvisits.offsets;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.common.AwsClients;
import org.locationvisits.testsupport.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/** S3 stopped in the middle of a run: the line names the service, the object, the operation and what to check. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3OffsetStoreStoppedTest {
    @Test
    void aWriteToAStoppedS3NamesTheStateObjectAndTheWrite() {
        S3ProxyServer proxy = S3ProxyServer.start("state");
        try (S3Client s3 = AwsClients.s3("us-east-1", proxy.endpoint(), S3ProxyServer.ACCESS_KEY_ID,
                S3ProxyServer.SECRET_ACCESS_KEY)) {
            S3OffsetStore store = new S3OffsetStore(s3, "state", "poller_state.json");
            store.readAll();
            proxy.close();

            Map<String, Object> partition = Map.of(SourceOffsets.PARTITION_KEY, SourceOffsets.PARTITION_VALUE);
            Map<String, Object> offset = Map.of(OffsetDocument.FIELD, LocalDate.parse("2024-03-01").toString());

            assertThatThrownBy(() -> store.writeAll(Map.of(partition, offset)))
                    .hasMessageStartingWith("S3 state object s3://state/poller_state.json: write failed: "
                            + "S3 is unreachable (")
                    .hasMessageContaining("AWS_ENDPOINT_URL_S3").hasMessageContaining("s3:PutObject")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aReadFromAStoppedS3NamesTheStateObjectAndTheRead() {
        S3ProxyServer proxy = S3ProxyServer.start("state");
        java.net.URI stopped = proxy.endpoint();
        proxy.close();
        try (S3Client s3 = AwsClients.s3("us-east-1", stopped, S3ProxyServer.ACCESS_KEY_ID,
                S3ProxyServer.SECRET_ACCESS_KEY)) {
            S3OffsetStore store = new S3OffsetStore(s3, "state", "poller_state.json");

            assertThatThrownBy(store::readAll)
                    .hasMessageStartingWith("S3 state object s3://state/poller_state.json: read failed: "
                            + "S3 is unreachable (")
                    .hasMessageContaining("s3:GetObject");
        }
    }
}
