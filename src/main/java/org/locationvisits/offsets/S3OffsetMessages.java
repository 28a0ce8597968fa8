package org.locationvisits.offsets;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What {@link S3OffsetStore} tells an operator when the state object cannot be used: each says what to do. */
final class S3OffsetMessages {
    private static final String EXPECTED_SHAPE = "{\"" + OffsetDocument.FIELD + "\": \"YYYY-MM-DD\"} (optionally with"
            + " the keys this runner adds: a resume position, recovery_pending, calls and \"" + OffsetDocument.OFFSETS
            + "\")";

    private final String bucket;
    private final String location;

    S3OffsetMessages(String bucket, String location) {
        this.bucket = bucket;
        this.location = location;
    }

    IllegalStateException malformed(String body, String reason) {
        String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return new IllegalStateException("The offset object " + location + " is not valid: " + reason
                + ". Expected " + EXPECTED_SHAPE + " but found: " + shown.strip()
                + ". Replace it with the last fully delivered day in that shape (the runner's 'offsets set'"
                + " command writes it), or delete it to start as if no offset were stored.");
    }

    /** The legacy sibling is absent: nothing to merge, which is the normal case for a Python poller's state. */
    String legacyMissing(String sibling) {
        return "No legacy recovery offsets at " + sibling + ": recovery's memory starts empty (site-days left"
                + " unhealthy or missing before this runner are not re-queried by it); " + location
                + " holds everything from now on";
    }

    /** Denied is expected: this runner is granted only the state key. */
    String legacyDenied(String sibling, String code) {
        return "The legacy recovery offsets " + sibling + " are not readable (access denied, " + code + "), which is"
                + " fine: this runner needs rights on " + location + " only. Recovery's memory starts empty (site-days"
                + " an earlier version remembered as unhealthy or missing are not re-queried); to keep them, grant"
                + " s3:GetObject on " + sibling + " for one run";
    }

    String legacyUnusable(String sibling, String reason) {
        return "Could not use the legacy recovery offsets " + sibling + " (" + reason + "); carrying on with recovery's"
                + " memory empty (site-days an earlier version remembered are not re-queried). The offset in "
                + location + " is unaffected";
    }

    String legacyMerged(String sibling, int partitions) {
        return "Merged " + partitions + " partition(s) of recovery memory and call count from the legacy " + sibling
                + " into " + location + "; the runner never writes " + sibling + " again, delete it when convenient";
    }

    OffsetConflictException conflict() {
        return new OffsetConflictException("Another runner changed " + location + " since this runner read it,"
                + " so the offset was not written (nothing was overwritten). Make sure only one runner uses this"
                + " state object (e.g. one scheduled task), check its current value, then run again.");
    }

    /** The write was refused as a conflict and reading the object back, to tell a retry of ours from a rival, failed. */
    IllegalStateException unverifiable(int status, SdkException readError) {
        return new IllegalStateException("S3 refused the conditional write of the offset at " + location + " ("
                + status + ") and reading it back, to see whether an earlier attempt of the same write had landed,"
                + " failed (" + readError.getMessage() + "). Check its value with 'offsets show' and fix it with"
                + " 'offsets set' if needed, then run again.", readError);
    }

    /**
     * One line: the service and object, the operation, what S3 said and what to check. The {@code action}
     * is "read" or "write".
     */
    IllegalStateException failure(String action, S3Exception e) {
        String code = errorCode(e);
        if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
            return new IllegalStateException(subject(action) + ": bucket '" + bucket + "' does not exist."
                    + " Create it or fix S3_BUCKET.", e);
        }
        if (e.statusCode() == 403) {
            return new IllegalStateException(subject(action) + ": access denied (" + code + ") to bucket '" + bucket
                    + "'. Check the credentials and grant the runner's role s3:GetObject and s3:PutObject on "
                    + location + " (no other key is needed) and s3:ListBucket on bucket '" + bucket
                    + "' (without it a missing object reads as access denied).", e);
        }
        return new IllegalStateException(subject(action) + ": S3 answered " + e.statusCode() + " " + code
                + ". Check the endpoint, the credentials and the role's permission on " + location + ".", e);
    }

    IllegalStateException unreachable(String action, SdkClientException e) {
        return new IllegalStateException(subject(action) + ": S3 is unreachable (" + e.getMessage() + ")."
                + " Check that the S3 endpoint is reachable (network, AWS_ENDPOINT_URL_S3), the credentials and"
                + " s3:" + ("read".equals(action) ? "GetObject" : "PutObject") + " on " + location + ".", e);
    }

    /** "S3 state object s3://bucket/key: write failed", the start every failure line shares. */
    private String subject(String action) {
        return "S3 state object " + location + ": " + action + " failed";
    }

    static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
