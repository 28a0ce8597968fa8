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
 * <p>An endpoint that ignores the precondition (s3rver does; real S3 and S3Proxy do not) stores the body, so the
 * key the job writes is never the first one probed: a PUT there would replace what a runner committed meanwhile,
 * drop the object's metadata, or create an object a runner cannot parse. The probe first PUTs a throwaway sibling,
 * {@code <key>.check-probe} in the same bucket, with the same never-holding {@code If-Match}:
 * <ul>
 * <li>404 or 412 (409 ConditionalRequestConflict): the endpoint honours conditional writes, so the same PUT on the
 *     key itself stores nothing either, and is sent to prove the permission on that key;</li>
 * <li>403: the endpoint evaluates access policies before the precondition, as real S3 does, and real S3 honours
 *     {@code If-Match} (the stand-ins that ignore it, s3rver among them, evaluate no policy), so the key itself is
 *     probed the same way; a policy may grant the key but not its sibling;</li>
 * <li>the PUT succeeded: the endpoint ignores {@code If-Match}. The sibling is deleted again (a FAIL names it when
 *     that fails, to be deleted by hand) and the key itself is not touched at all.</li>
 * </ul>
 * A key that is itself a throwaway (the data lake's probe object, see {@link #throwaway}) is probed directly, with
 * the same rules for what the endpoint stored.
 */
final class S3WriteProbe {
    /** No S3 ETag has this form (they are hex digests), so the precondition never holds. */
    static final String NEVER_MATCHES = "\"location-visits-check-never-matches\"";
    /** Appended to a key the job writes to name the throwaway probed first. */
    static final String SIBLING_SUFFIX = ".check-probe";

    private final S3Client s3;
    private final String bucket;
    /** The key whose permission is proved. */
    private final String key;
    /** The key PUT first: the throwaway sibling, or the key itself when that is a throwaway. */
    private final String probeKey;

    private S3WriteProbe(S3Client s3, String bucket, String key, String probeKey) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.probeKey = probeKey;
    }

    /** A key the job writes (the state object): a throwaway sibling is probed first, the key only if that is safe. */
    static S3WriteProbe of(S3Client s3, String bucket, String key) {
        return new S3WriteProbe(s3, bucket, key, key + SIBLING_SUFFIX);
    }

    /** A key nothing reads (the data lake's probe object): probed directly, and deleted if an endpoint stored it. */
    static S3WriteProbe throwaway(S3Client s3, String bucket, String key) {
        return new S3WriteProbe(s3, bucket, key, key);
    }

    String where() {
        return where(key);
    }

    private String where(String k) {
        return "s3://" + bucket + "/" + k;
    }

    /** @param needsConditional whether the job relies on conditional writes there (the state object does) */
    CheckResult run(String what, boolean needsConditional) {
        S3Exception refused;
        try {
            conditionalPut(probeKey);
            return stored(what, needsConditional);
        } catch (S3Exception e) {
            refused = e;
        } catch (SdkClientException e) {
            return unreachable(what, e);
        }
        if (probeKey.equals(key) || isMissingBucket(refused)) {
            return refused(what, key, refused);
        }
        int status = refused.statusCode();
        if (!honoured(refused) && status != 403) {
            return refused(what, probeKey, refused);
        }
        // The endpoint honours If-Match (or enforces policies as real S3 does, which honours it): nothing is stored.
        try {
            conditionalPut(key);
        } catch (S3Exception e) {
            return refused(what, key, e);
        } catch (SdkClientException e) {
            return unreachable(what, e);
        }
        return CheckResult.fail(what, where(), "S3 stored a PUT with If-Match " + NEVER_MATCHES + " although it"
                + " refused the same PUT on " + where(probeKey) + " (" + status + "): the object now holds no bytes."
                + " Restore its content before the next run, and use real S3");
    }

    private void conditionalPut(String k) {
        s3.putObject(b -> b.bucket(bucket).key(k).ifMatch(NEVER_MATCHES).contentType("application/json"),
                RequestBody.fromBytes(new byte[0]));
    }

    /** The endpoint stored the probe, so it ignores If-Match: delete the probe; the key itself stays untouched. */
    private CheckResult stored(String what, boolean needsConditional) {
        String probe = where(probeKey);
        String put = "a PUT with If-Match " + NEVER_MATCHES + " to " + probe + " stored the object";
        String untouched = probeKey.equals(key) ? "" : ", and " + where() + " was not touched";
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(probeKey));
        } catch (SdkException e) {
            return CheckResult.fail(what, where(), "this S3 endpoint ignores conditional writes (" + put
                    + "), and deleting it failed (" + e.getMessage() + "). Delete " + probe + " by hand"
                    + untouched);
        }
        if (needsConditional) {
            return CheckResult.fail(what, where(), "this S3 endpoint ignores conditional writes (" + put + "; it was"
                    + " deleted again" + untouched + "). The state object's guard against two runners overwriting"
                    + " each other relies on them: use real S3 (or S3Proxy), not an endpoint such as s3rver");
        }
        return CheckResult.ok(what, where(), "s3:PutObject allowed (this endpoint ignores If-Match: " + put
                + "; it was deleted again" + untouched + ")");
    }

    private CheckResult unreachable(String what, SdkClientException e) {
        return CheckResult.fail(what, where(), "S3 is unreachable (" + e.getMessage() + "). Check the network,"
                + " AWS_ENDPOINT_URL_S3 and the credentials");
    }

    private static boolean isMissingBucket(S3Exception e) {
        return e instanceof NoSuchBucketException || "NoSuchBucket".equals(code(e));
    }

    private static boolean honoured(S3Exception e) {
        int status = e.statusCode();
        return status == 412 || status == 404 || (status == 409 && "ConditionalRequestConflict".equals(code(e)));
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private CheckResult refused(String what, String k, S3Exception e) {
        String code = code(e);
        int status = e.statusCode();
        if (isMissingBucket(e)) {
            return CheckResult.fail(what, where(), "bucket '" + bucket + "' does not exist. Create it or fix the"
                    + " bucket setting");
        }
        if (honoured(e)) {
            return CheckResult.ok(what, where(), "s3:PutObject allowed (a PUT with a precondition that never holds"
                    + " answered " + status + (code == null ? "" : " " + code) + "; nothing was written)");
        }
        if (status == 403) {
            return CheckResult.fail(what, where(), "access denied (" + code + "): grant the job's role s3:PutObject"
                    + " on " + where(k));
        }
        return CheckResult.fail(what, where(), "S3 answered " + status + " " + code + " to a conditional PUT on "
                + where(k) + ". Check the endpoint, the credentials and s3:PutObject on " + where());
    }
}
