package org.locationvisits.kinesis;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Which failed Kinesis calls are worth repeating, and how to name a failure in a log line. */
final class KinesisErrors {
    static final String THROTTLED = "ProvisionedThroughputExceededException";

    private KinesisErrors() {
    }

    /**
     * Throttling, 5xx, I/O failures and timed-out calls pass; everything else (unknown stream, bad request,
     * no permission, KMS key disabled) fails the same way on every attempt.
     */
    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return throttling(e) || service.statusCode() >= 500;
        }
        // The SDK's own timeouts carry no IOException: the attempt was cut off, not refused.
        if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static boolean throttling(SdkException e) {
        return e instanceof AwsServiceException service
                && (service.isThrottlingException() || "LimitExceededException".equals(code(service)));
    }

    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return code(service) + " (HTTP " + service.statusCode() + "): " + service.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** What an operator should check after a failure retrying cannot fix; empty when there is no advice. */
    static String advice(SdkException e) {
        String code = e instanceof AwsServiceException service ? String.valueOf(code(service)) : "";
        if (code.equals("ResourceNotFoundException")) {
            return "(check the stream name or ARN and the region)";
        }
        if (code.equals("AccessDeniedException")) {
            return "(grant kinesis:PutRecords on the stream to the role the job runs with)";
        }
        if (code.startsWith("KMS")) {
            return "(check the stream's KMS key and the role's permission to use it)";
        }
        return "";
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
