package org.locationvisits.check;

import java.util.List;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The stream exists, is ACTIVE (or UPDATING, which still takes writes), and how much it can take: each open shard
 * accepts 1,000 records and 1 MiB a second. PutRecords itself cannot be proved without writing a record, so it is
 * named, not checked.
 */
final class KinesisStreamCheck implements Check {
    static final String WHAT = "Kinesis stream";
    static final int RECORDS_PER_SHARD_SECOND = 1000;
    private static final int SECONDS_PER_DAY = 86_400;

    private final KinesisClient kinesis;
    private final String stream;
    private final String region;

    KinesisStreamCheck(KinesisClient kinesis, String stream, String region) {
        this.kinesis = kinesis;
        this.stream = stream.trim();
        this.region = region;
    }

    @Override
    public List<CheckResult> run() {
        DescribeStreamSummaryRequest.Builder request = DescribeStreamSummaryRequest.builder();
        StreamDescriptionSummary summary;
        try {
            summary = kinesis.describeStreamSummary((stream.startsWith("arn:") ? request.streamARN(stream)
                    : request.streamName(stream)).build()).streamDescriptionSummary();
        } catch (ResourceNotFoundException e) {
            return fail("no such stream in region " + region + ". Create it or fix KINESIS_STREAM_ARN and AWS_REGION");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403 || "AccessDeniedException".equals(code)) {
                return fail("access denied (" + code + "): grant the job's role kinesis:DescribeStreamSummary,"
                        + " kinesis:ListShards and kinesis:PutRecords on the stream");
            }
            return fail("Kinesis answered " + e.statusCode() + " " + code + ". Check the stream, the region and"
                    + " the credentials");
        } catch (SdkException e) {
            return fail("Kinesis is unreachable (" + e.getMessage() + "). Check the network, AWS_REGION and"
                    + " AWS_ENDPOINT_URL_KINESIS");
        }
        StreamStatus status = summary.streamStatus();
        int shards = summary.openShardCount() == null ? 0 : summary.openShardCount();
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            return fail("the stream is " + summary.streamStatusAsString() + ", not ACTIVE: wait until it is ACTIVE"
                    + " (CREATING) or create it again (DELETING)");
        }
        if (shards == 0) {
            return fail("the stream has no open shard; reshard it to at least one");
        }
        long perSecond = (long) shards * RECORDS_PER_SHARD_SECOND;
        return List.of(CheckResult.ok(WHAT, stream, summary.streamStatusAsString() + ", " + shards
                + " open shard(s): up to " + perSecond + " records/s and " + shards + " MiB/s, "
                + String.format("%,d", perSecond * SECONDS_PER_DAY) + " records a day (a day of 90 sites is"
                + " about 17,000); PutRecords is not tried (that would write)"));
    }

    private List<CheckResult> fail(String message) {
        return List.of(CheckResult.fail(WHAT, stream, message));
    }
}
