package org.locationvisits.kinesis;

import java.util.regex.Pattern;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;

/**
 * A stream given by name or by ARN. An ARN goes into the {@code StreamARN} parameter so a stream of
 * another account (cross-account role) or region-qualified ARN from configuration works as written.
 */
record StreamRef(String value, boolean isArn) {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[\\w.-]+");

    static StreamRef parse(String stream) {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("a Kinesis stream name or ARN is required");
        }
        String trimmed = stream.trim();
        boolean isArn = trimmed.startsWith("arn:");
        if (isArn && !ARN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a Kinesis stream ARN"
                    + " (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME); give the ARN or the plain stream name");
        }
        return new StreamRef(trimmed, isArn);
    }

    PutRecordsRequest.Builder addTo(PutRecordsRequest.Builder request) {
        return isArn ? request.streamARN(value) : request.streamName(value);
    }

    DescribeStreamSummaryRequest describeRequest() {
        DescribeStreamSummaryRequest.Builder request = DescribeStreamSummaryRequest.builder();
        return (isArn ? request.streamARN(value) : request.streamName(value)).build();
    }

    /** A first ListShards page; later pages are asked for by their token alone. */
    ListShardsRequest listShardsRequest(ListShardsRequest.Builder request) {
        return (isArn ? request.streamARN(value) : request.streamName(value)).build();
    }

    @Override
    public String toString() {
        return value;
    }
}
