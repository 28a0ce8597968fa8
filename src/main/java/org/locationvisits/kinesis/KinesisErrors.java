package org.locationvisits.kinesis;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Which failed Kinesis calls are worth repeating, and how to name a failure in a log line. */
final class KinesisErrors {
    static final String THROTTLED = "ProvisionedThroughputExceededException";

    private KinesisErrors() {
    }

    /**
     * Throttling, 5xx and I/O failures pass; everything else (unknown stream, bad request, no
     * permission, KMS key disabled) fails the same way on every attempt.
     */
    static boolean retryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return throttling(e) || service.statusCode() >= 500;
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

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
