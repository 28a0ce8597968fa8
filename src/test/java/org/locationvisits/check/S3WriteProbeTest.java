package org.locationvisits.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.common.AwsClients;
import org.locationvisits.devstack.S3rver;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The write probes on s3rver, which ignores {@code If-Match} and stores the probe, behind a {@link PolicyProxy}
 * (which can refuse a DELETE, or let another writer act just before the probe's PUT): check must leave the state
 * object exactly as it is (bytes, ETag, metadata), create nothing, say that the state object's conflict guard does
 * not work there, and name any probe object it could not delete.
 */
class S3WriteProbeTest {
    private static final String BUCKET = "probe";
    private static final String STATE = "{\"last_poll_date\": \"2024-03-25\"}";
    private static final String NEWER = "{\"last_poll_date\": \"2024-03-26\"}";

    private static S3rver s3rver;
    private static PolicyProxy policy;
    /** The job's client: through the policy proxy. */
    private static S3Client s3;

    private final String key = "state-" + UUID.randomUUID() + ".json";

    @BeforeAll
    static void startS3rver() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        policy = PolicyProxy.in(s3rver.endpoint());
        s3 = AwsClients.s3("us-east-1", policy.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stopS3rver() {
        if (s3 != null) {
            s3.close();
        }
        if (policy != null) {
            policy.close();
        }
        if (s3rver != null) {
            s3rver.close();
        }
    }

    /** Stores the state as a runner does, with its write id, straight to s3rver. */
    private void storeState(String body, String writeId) {
        s3rver.client().putObject(b -> b.bucket(BUCKET).key(key).metadata(Map.of("offset-write-id", writeId)),
                RequestBody.fromString(body));
    }

    private HeadObjectResponse head() {
        return s3rver.client().headObject(b -> b.bucket(BUCKET).key(key));
    }

    private List<String> keysStartingWith(String prefix) {
        return s3rver.client().listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private CheckResult stateWrite() {
        List<CheckResult> results = new StateObjectCheck(s3, BUCKET, key).run();
        assertThat(results).extracting(CheckResult::what).containsExactly(StateObjectCheck.READ,
                StateObjectCheck.WRITE);
        return results.get(1);
    }

    @Test
    void anExistingStateObjectIsNotTouchedWhereThePreconditionIsIgnored() {
        storeState(STATE, "runner-1");
        HeadObjectResponse before = head();

        CheckResult result = stateWrite();

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).contains("ignores conditional writes", key + ".check-probe",
                "deleted again", "s3://" + BUCKET + "/" + key + " was not touched", "real S3");
        HeadObjectResponse after = head();
        assertThat(after.eTag()).isEqualTo(before.eTag());
        assertThat(after.metadata()).isEqualTo(before.metadata()).containsEntry("offset-write-id", "runner-1");
        assertThat(after.lastModified()).isEqualTo(before.lastModified());
        assertThat(s3rver.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
                .isEqualTo(STATE);
        assertThat(keysStartingWith(key)).containsExactly(key);
    }

    @Test
    void aRunnerWritingBetweenTheChecksReadAndItsProbeKeepsItsWrite() {
        storeState(STATE, "runner-1");
        policy.beforeNextPut(() -> storeState(NEWER, "runner-2"));

        CheckResult result = stateWrite();

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(s3rver.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
                .isEqualTo(NEWER);
        assertThat(head().metadata()).containsEntry("offset-write-id", "runner-2");
    }

    @Test
    void aMissingStateObjectIsNotCreated() {
        CheckResult result = stateWrite();

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).contains("ignores conditional writes");
        assertThat(keysStartingWith(key)).isEmpty();
    }

    @Test
    void aRunnersFirstWriteBetweenTheChecksReadAndItsProbeIsKept() {
        policy.beforeNextPut(() -> storeState(STATE, "runner-1"));

        CheckResult result = stateWrite();

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(s3rver.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
                .isEqualTo(STATE);
        assertThat(head().metadata()).containsEntry("offset-write-id", "runner-1");
    }

    @Test
    void aSiblingProbeThatCannotBeDeletedIsNamedToDeleteByHand() {
        storeState(STATE, "runner-1");
        String sibling = key + S3WriteProbe.SIBLING_SUFFIX;
        policy.refuseDelete(BUCKET, sibling);

        CheckResult result = stateWrite();

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).contains("deleting it failed", "Delete s3://" + BUCKET + "/" + sibling
                + " by hand", "s3://" + BUCKET + "/" + key + " was not touched");
        assertThat(keysStartingWith(key)).containsExactly(key, sibling);
        assertThat(head().metadata()).containsEntry("offset-write-id", "runner-1");
    }

    @Test
    void aDataLakeProbeTheEndpointStoredIsDeletedAgain() {
        String folder = "lake-" + UUID.randomUUID();

        List<CheckResult> results = new DataLakeCheck(Optional.of(BUCKET), folder, () -> s3).run();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(result.message()).contains("s3:PutObject allowed", "deleted again");
        });
        assertThat(keysStartingWith(folder)).isEmpty();
    }

    @Test
    void aDataLakeProbeThatCannotBeDeletedFailsNamingIt() {
        String folder = "lake-" + UUID.randomUUID();
        String probe = folder + "/" + DataLakeCheck.PROBE;
        policy.refuseDelete(BUCKET, probe);

        List<CheckResult> results = new DataLakeCheck(Optional.of(BUCKET), folder, () -> s3).run();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
            assertThat(result.message()).contains("ignores conditional writes", "deleting it failed",
                    "Delete s3://" + BUCKET + "/" + probe + " by hand");
        });
        assertThat(keysStartingWith(folder)).containsExactly(probe);
    }

    @Test
    void aMissingBucketSaysSo() {
        CheckResult result = S3WriteProbe.of(s3, "no-such-bucket", "state.json").run("state object write", true);

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.message()).contains("bucket 'no-such-bucket' does not exist");
    }
}
