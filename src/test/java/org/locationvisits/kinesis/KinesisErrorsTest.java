package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

class KinesisErrorsTest {
    private static KinesisException service(int status, String code) {
        return (KinesisException) KinesisException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    @Test
    void retriesTimedOutAttemptsAndCallsThoughNoIOExceptionCausedThem() {
        ApiCallAttemptTimeoutException attempt = ApiCallAttemptTimeoutException.create(30_000);
        assertThat(attempt).hasNoCause(); // nothing an IOException check would find
        assertThat(KinesisErrors.retryable(attempt)).isTrue();
        assertThat(KinesisErrors.retryable(ApiCallTimeoutException.create(120_000))).isTrue();
    }

    @Test
    void retriesIoFailuresServerErrorsAndThrottling() {
        assertThat(KinesisErrors.retryable(SdkClientException.create("read", new SocketTimeoutException()))).isTrue();
        assertThat(KinesisErrors.retryable(service(500, "InternalFailure"))).isTrue();
        assertThat(KinesisErrors.retryable(service(400, "LimitExceededException"))).isTrue();
        assertThat(KinesisErrors.throttling(service(400, "LimitExceededException"))).isTrue();
    }

    @Test
    void doesNotRetryWhatFailsTheSameWayEveryTime() {
        assertThat(KinesisErrors.retryable(service(400, "ResourceNotFoundException"))).isFalse();
        assertThat(KinesisErrors.retryable(service(400, "AccessDeniedException"))).isFalse();
        assertThat(KinesisErrors.retryable(SdkClientException.create("Unable to load credentials"))).isFalse();
        assertThat(KinesisErrors.advice(service(400, "KMSDisabledException"))).contains("KMS key");
    }
}
