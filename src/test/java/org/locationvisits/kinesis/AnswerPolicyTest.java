package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.AnswerPolicy.Accept;
import org.locationvisits.kinesis.AnswerPolicy.Decision;
import org.locationvisits.kinesis.AnswerPolicy.Fail;
import org.locationvisits.kinesis.AnswerPolicy.RetryAt;
import org.locationvisits.kinesis.AnswerPolicy.Throttle;
import org.locationvisits.kinesis.PendingEntries.Item;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Each decision about a PutRecords answer: accept, retry at a backoff, throttle, fail. */
class AnswerPolicyTest {
    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    private final AnswerPolicy policy = new AnswerPolicy(RETRY, new SplittableRandom(7));

    @Test
    void acceptsAnAnswerThatAcceptedEveryEntry() {
        assertThat(policy.decide(answered(0, null, null), 0, true)).isEqualTo(new Accept());
    }

    @Test
    void retriesEntriesThatFailedWithAnErrorAtAJitteredBackoffFromTheAnswer() {
        Decision decision = policy.decide(answered(0, null, "InternalFailure"), 5 * SECOND, true);

        Duration backoff = RETRY.backoff(1, new SplittableRandom(7)); // the same draw as the policy's
        assertThat(decision).isEqualTo(new RetryAt(5 * SECOND + backoff.toNanos(), backoff, 2, false));
        assertThat(backoff).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void retriesAWholeCallThatFailedWithA5xx() {
        PutRecordsCall call = failedCall(service(503, "ServiceUnavailable"));

        assertThat(policy.decide(call, 0, false)).isInstanceOf(RetryAt.class);
    }

    @Test
    void failsOnceAnEntryUsedUpItsAttempts() {
        Decision decision = policy.decide(answered(RETRY.maxAttempts() - 1, null, "InternalFailure"), 0, false);

        assertThat(decision).isEqualTo(new Fail("after 3 attempts", null));
    }

    @Test
    void failsAtOnceOnAnErrorRetryingCannotFix() {
        KinesisException denied = service(400, "AccessDeniedException");

        Decision decision = policy.decide(failedCall(denied), 0, false);

        assertThat(decision).isInstanceOf(Fail.class);
        assertThat(((Fail) decision).cause()).isSameAs(denied);
        assertThat(((Fail) decision).when()).contains("grant kinesis:PutRecords");
    }

    @Test
    void throttlingUsesUpNoAttemptsAndAsksForTheShardsOnlyWhenARefreshIsDue() {
        for (int i = 0; i < 2 * RETRY.maxAttempts(); i++) {
            assertThat(policy.decide(answered(0, null, THROTTLED), 0, false)).isEqualTo(new Throttle(false));
        }
        assertThat(policy.decide(answered(0, null, THROTTLED), 0, true)).isEqualTo(new Throttle(true));
    }

    @Test
    void failsWhenThrottledForTheMaxThrottledWaitWithoutAnyEntryAccepted() {
        assertThat(policy.decide(answered(0, THROTTLED), SECOND, false)).isEqualTo(new Throttle(false));
        assertThat(policy.decide(answered(0, null, THROTTLED), 2 * SECOND, false))
                .as("an accepted entry starts the throttled time again").isEqualTo(new Throttle(false));
        assertThat(policy.decide(answered(0, THROTTLED), 3 * SECOND, false)).isEqualTo(new Throttle(false));

        Decision decision = policy.decide(answered(0, THROTTLED), 5 * SECOND, false);

        assertThat(decision).isInstanceOf(Fail.class);
        assertThat(((Fail) decision).when()).startsWith("after Kinesis throttled them for 2 s without accepting any")
                .contains("a longer throttled wait than 2 s");
    }

    // --- helpers

    /**
     * A settled call whose entries got these error codes (null: accepted), each entry having failed
     * {@code failedBefore} calls already.
     */
    private static PutRecordsCall answered(int failedBefore, String... codes) {
        List<PutRecordsResultEntry> results = new ArrayList<>();
        for (String code : codes) {
            results.add(code == null ? PutRecordsResultEntry.builder().sequenceNumber("1").shardId("shardId-0").build()
                    : PutRecordsResultEntry.builder().errorCode(code).errorMessage(code + " for the test").build());
        }
        PutRecordsCall call = call(codes.length, request -> PutRecordsResponse.builder().records(results)
                .failedRecordCount((int) Arrays.stream(codes).filter(c -> c != null).count()).build());
        call.items().forEach(item -> item.failures = failedBefore);
        call.run();
        call.settle(new ShardWindows(1), new CallTiming(), 0);
        return call;
    }

    /** A call that threw {@code error}, settled unless retrying cannot fix it. */
    private static PutRecordsCall failedCall(KinesisException error) {
        PutRecordsCall call = call(2, request -> {
            throw error;
        });
        call.run();
        if (call.fatalError() == null) {
            call.settle(new ShardWindows(1), new CallTiming(), 0);
        }
        return call;
    }

    private static PutRecordsCall call(int entries, java.util.function.Function<PutRecordsRequest,
            PutRecordsResponse> answer) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            items.add(new Item(i, 0, new KinesisEntry("key-" + i, ("data" + i).getBytes(StandardCharsets.UTF_8))));
        }
        KinesisClient client = new KinesisClient() {
            @Override
            public PutRecordsResponse putRecords(PutRecordsRequest request) {
                return answer.apply(request);
            }

            @Override
            public String serviceName() {
                return "kinesis";
            }

            @Override
            public void close() {
            }
        };
        return new PutRecordsCall(items, client, StreamRef.parse("visits"), () -> 0L);
    }

    private static KinesisException service(int status, String code) {
        return (KinesisException) KinesisException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " for the test").build())
                .build();
    }
}
