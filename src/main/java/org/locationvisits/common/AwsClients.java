package org.locationvisits.common;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The one place AWS clients are built. Credentials come from the SDK's default chain and endpoints from
 * the SDK itself: since 2.2x it honours {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_KINESIS},
 * {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_KMS} (and the matching system properties and
 * profile keys), so local stand-ins work without code changes. The overloads with an explicit endpoint
 * and static credentials are for tests and the local dev stack.
 */
public final class AwsClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private AwsClients() {
    }

    /**
     * A Kinesis client without SDK-level retries: {@code KinesisForwarder} owns backoff and re-sends only
     * the failed entries; SDK retries underneath would multiply its attempts and hide throttling from it.
     */
    public static KinesisClient kinesis(String region) {
        return kinesisBuilder(region).build();
    }

    /** A Kinesis client for an explicit endpoint (a VPC endpoint, a local stand-in) with the default credential chain. */
    public static KinesisClient kinesis(String region, URI endpoint) {
        return kinesisBuilder(region).endpointOverride(endpoint).build();
    }

    public static KinesisClient kinesis(String region, URI endpoint, String accessKeyId, String secretAccessKey) {
        return explicit(kinesisBuilder(region), endpoint, accessKeyId, secretAccessKey).build();
    }

    /**
     * An S3 client. A custom endpoint (S3Proxy, s3rver, MinIO) needs path-style addressing, and s3rver
     * stores aws-chunked framing as object bytes, so both are switched when an endpoint is configured.
     */
    public static S3Client s3(String region) {
        // The SDK resolves AWS_ENDPOINT_URL[_S3] only at build time; ask the built client whether it found one.
        boolean customEndpoint;
        try (S3Client probe = s3Builder(region, false).build()) {
            customEndpoint = probe.serviceClientConfiguration().endpointOverride().isPresent();
        }
        return s3Builder(region, customEndpoint).build();
    }

    public static S3Client s3(String region, URI endpoint, String accessKeyId, String secretAccessKey) {
        return explicit(s3Builder(region, true), endpoint, accessKeyId, secretAccessKey).build();
    }

    public static KmsClient kms(String region) {
        return configure(KmsClient.builder(), region).build();
    }

    public static KmsClient kms(String region, URI endpoint, String accessKeyId, String secretAccessKey) {
        return explicit(configure(KmsClient.builder(), region), endpoint, accessKeyId, secretAccessKey).build();
    }

    private static KinesisClientBuilder kinesisBuilder(String region) {
        return configure(KinesisClient.builder(), region)
                .overrideConfiguration(timeouts().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    }

    private static S3ClientBuilder s3Builder(String region, boolean customEndpoint) {
        S3ClientBuilder builder = configure(S3Client.builder(), region);
        return customEndpoint
                ? builder.forcePathStyle(true)
                        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                : builder;
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                             String region) {
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.trim()));
        }
        // Left unset, the region comes from AWS_REGION, the profile or instance metadata (SDK default chain).
        builder.overrideConfiguration(timeouts().build());
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT));
        return builder;
    }

    /** Bounded calls: a hung connection must fail the attempt, not stall the daily run. */
    private static ClientOverrideConfiguration.Builder timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT);
    }

    private static <B extends AwsClientBuilder<B, ?>> B explicit(B builder, URI endpoint, String accessKeyId,
                                                                String secretAccessKey) {
        return builder.endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }
}
