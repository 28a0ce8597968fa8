package org.locationvisits.offsets;

import java.net.URI;
import org.locationvisits.devstack.S3rver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** S3 clients for the local stand-ins: path-style, and no aws-chunked bodies (s3rver would store the framing). */
final class TestS3Clients {
    private TestS3Clients() {
    }

    static S3Client forEndpoint(URI endpoint) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY)))
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .build();
    }
}
