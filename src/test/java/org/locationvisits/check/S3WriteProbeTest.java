package org.locationvisits.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.S3rver;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The write probe on s3rver, which ignores {@code If-Match} and stores the probe: check must still leave the bucket
 * as it was, and say that the state object's conflict guard does not work there.
 */
class S3WriteProbeTest {
    private static final String BUCKET = "probe";
    private static final String STATE = "{\"last_poll_date\": \"2024-03-25\"}";

    private static S3rver s3rver;
    private static S3Client s3;

    @BeforeAll
    static void startS3rver() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = s3rver.client();
    }

    @AfterAll
    static void stopS3rver() {
        if (s3rver != null) {
            s3rver.close();
        }
    }

    @Test
    void anExistingStateObjectKeepsItsContentWhereThePreconditionIsIgnored() {
        s3.putObject(b -> b.bucket(BUCKET).key("state.json"), RequestBody.fromString(STATE));
        byte[] current = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("state.json")).asByteArray();

        CheckResult result = new S3WriteProbe(s3, BUCKET, "state.json").run("state object write", current, true);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).contains("ignores conditional writes", "content is unchanged", "real S3");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("state.json")).asUtf8String()).isEqualTo(STATE);
    }

    @Test
    void aProbeObjectTheEndpointCreatedIsDeletedAgain() {
        CheckResult result = new S3WriteProbe(s3, BUCKET, "lake/location-visits-check.probe")
                .run("data lake write", null, false);

        assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
        assertThat(result.message()).contains("s3:PutObject allowed", "deleted again");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("lake/")).contents()).isEmpty();
    }

    @Test
    void aMissingBucketSaysSo() {
        CheckResult result = new S3WriteProbe(s3, "no-such-bucket", "state.json").run("state object write", null,
                true);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).contains("bucket 'no-such-bucket' does not exist");
    }
}
