package org.locationvisits.offsets;

import java.net.URI;

import org.locationvisits.common.AwsClients;
import org.locationvisits.devstack.S3rver;

import software.amazon.awssdk.services.s3.S3Client;

/** S3 clients for the local stand-ins, made as production makes them for a custom endpoint. */
final class TestS3Clients {
    private TestS3Clients() {
    }

    static S3Client forEndpoint(URI endpoint) {
        return AwsClients.s3("us-east-1", endpoint, S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
    }
}
