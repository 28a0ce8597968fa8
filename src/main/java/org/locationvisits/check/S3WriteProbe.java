package org.locationvisits.check;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Proves s3:PutObject on one key without writing it: a PUT with {@code If-Match} on an ETag no object has. S3
 * checks the permission first, so 403 means denied, while 412 (the object exists) or 404 (it does not) means the
 * write would have been allowed, and S3 stored nothing.
 *
 * <p>An endpoint that ignores the precondition (s3rver does; real S3 and S3Proxy do not) stores the body. The body
 * is therefore the object's own bytes as just read, so its content stays as it was, and an object the probe
 * created is deleted again.
 */
final class S3WriteProbe {
    /** No S3 ETag has this form (they are hex digests), so the precondition never holds. */
    static final String NEVER_MATCHES = "\"location-visits-check-never-matches\"";

    private final S3Client s3;
    private final String bucket;
    private final String key;

    S3WriteProbe(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    String where() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * @param currentBody        the object's bytes as just read, or null when it does not exist
     * @param needsConditional   whether the job relies on conditional writes there (the state object does)
     */
    CheckResult run(String what, byte[] currentBody, boolean needsConditional) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifMatch(NEVER_MATCHES).contentType("application/json"),
                    RequestBody.fromBytes(currentBody == null ? new byte[0] : currentBody));
        } catch (S3Exception e) {
            return refused(what, e);
        } catch (SdkClientException e) {
            return CheckResult.fail(what, where(), "S3 is unreachable (" + e.getMessage() + "). Check the network,"
                    + " AWS_ENDPOINT_URL_S3 and the credentials");
        }
        String undone = currentBody != null ? "it stored the object's own bytes again, so its content is unchanged"
                : undo();
        if (needsConditional) {
            return CheckResult.fail(what, where(), "this S3 endpoint ignores conditional writes (a PUT with If-Match "
                    + NEVER_MATCHES + " succeeded; " + undone + "). The state object's guard against two runners"
                    + " overwriting each other relies on them: use real S3 (or S3Proxy), not an endpoint such as"
                    + " s3rver");
        }
        return CheckResult.ok(what, where(), "s3:PutObject allowed (this endpoint ignores If-Match, so the probe"
                + " was stored; " + undone + ")");
    }

    private CheckResult refused(String what, S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
            return CheckResult.fail(what, where(), "bucket '" + bucket + "' does not exist. Create it or fix the"
                    + " bucket setting");
        }
        if (status == 412 || (status == 409 && "ConditionalRequestConflict".equals(code)) || status == 404) {
            return CheckResult.ok(what, where(), "s3:PutObject allowed (a PUT with a precondition that never holds"
                    + " answered " + status + (code == null ? "" : " " + code) + "; nothing was written)");
        }
        if (status == 403) {
            return CheckResult.fail(what, where(), "access denied (" + code + "): grant the job's role s3:PutObject"
                    + " on " + where());
        }
        return CheckResult.fail(what, where(), "S3 answered " + status + " " + code + " to a conditional PUT."
                + " Check the endpoint, the credentials and s3:PutObject on " + where());
    }

    /** Deletes what an endpoint that ignored the precondition created; says whether that worked. */
    private String undo() {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            return "the object it created was deleted again";
        } catch (SdkException e) {
            return "deleting the object it created failed (" + e.getMessage() + "); delete " + where() + " by hand";
        }
    }
}
