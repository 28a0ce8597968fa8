package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

import okhttp3.OkHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * s3rver (the data lake and the main job's state object), kinesis-local and the ShopperTrak simulator for the
 * replay tests. The S3 client hands replay records the path of every request it makes.
 */
final class ReplayStandIns implements AutoCloseable {
    static final String LAKE = "data-lake";
    static final String STATE = "poller-state";
    static final String STATE_KEY = "location_visits_poller_cache.json";

    private final S3rver s3rver;
    private final KinesisLocal kinesis;
    private final ShopperTrakSimulator simulator;
    private final List<String> s3Requests = new CopyOnWriteArrayList<>();
    private final S3Client s3;

    private ReplayStandIns(S3rver s3rver, KinesisLocal kinesis, ShopperTrakSimulator simulator) {
        this.s3rver = s3rver;
        this.kinesis = kinesis;
        this.simulator = simulator;
        this.s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(s3rver.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY)))
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        s3Requests.add(context.httpRequest().encodedPath());
                    }
                }))
                .build();
    }

    static ReplayStandIns start() throws IOException {
        S3rver s3rver = S3rver.start();
        KinesisLocal kinesis = null;
        try {
            s3rver.createBucket(LAKE);
            s3rver.createBucket(STATE);
            kinesis = KinesisLocal.start();
            ReplayStandIns stand = new ReplayStandIns(s3rver, kinesis,
                    ShopperTrakSimulator.builder().sites(2).seed(11).start());
            stand.s3.putObject(b -> b.bucket(STATE).key(STATE_KEY),
                    RequestBody.fromString("{\"last_poll_date\": \"2024-03-20\"}"));
            return stand;
        } catch (IOException | RuntimeException e) {
            if (kinesis != null) {
                kinesis.close();
            }
            s3rver.close();
            throw e;
        }
    }

    S3Client s3() {
        return s3;
    }

    /** Paths of the S3 requests made since the last {@code clear()}, e.g. {@code /data-lake/raw1/...}. */
    List<String> s3Requests() {
        return s3Requests;
    }

    KinesisLocal kinesis() {
        return kinesis;
    }

    ShopperTrakSimulator simulator() {
        return simulator;
    }

    /** Fetches an answer from the simulator as the main job does and stores it in the lake; returns its rows. */
    List<TrafficRow> archive(String prefix, LocalDate day, String site, Instant fetchedAt) {
        try (ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                simulator.username(), simulator.password()).withRawAnswers(true), d -> { }, new OkHttpClient(),
                Clock.fixed(fetchedAt, ZoneOffset.UTC))) {
            DayResult result = site == null ? client.allSites(day) : client.site(day, site);
            assertThat(result).isInstanceOf(DayResult.Rows.class);
            DayResult.Rows rows = (DayResult.Rows) result;
            assertThat(new DataLakeArchive(s3, LAKE, prefix).store(day, rows.raw())).isTrue();
            return rows.rows();
        }
    }

    /** The state object's content and ETag. */
    String state() {
        var object = s3.getObjectAsBytes(b -> b.bucket(STATE).key(STATE_KEY));
        return object.asUtf8String() + " " + object.response().eTag() + " " + object.response().lastModified();
    }

    @Override
    public void close() {
        s3.close();
        simulator.close();
        kinesis.close();
        s3rver.close();
    }
}
