package org.locationvisits.datalake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.common.AwsClients;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.RawAnswer;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.testsupport.LogCapture;

import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Against a real s3rver process and the simulator: what ShopperTrak served is what the bucket holds. */
class DataLakeArchiveTest {
    private static final String BUCKET = "data-lake";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private static final Instant FETCHED = Instant.parse("2024-04-20T06:15:00.123Z");
    private static final String SITE = "macomb's bridge";

    private static S3rver s3rver;
    private static S3Client s3;
    private static ShopperTrakSimulator simulator;

    @BeforeAll
    static void start() throws IOException {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
        simulator = ShopperTrakSimulator.builder().sites(25).start();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (s3rver != null) {
            s3rver.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private static RawAnswer fetchSite(String site) {
        try (ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                "simulator", "simulator").withRawAnswers(true), d -> { }, new OkHttpClient(),
                Clock.fixed(FETCHED, ZoneOffset.UTC))) {
            DayResult result = client.site(DAY, site);
            assertThat(result).isInstanceOf(DayResult.Rows.class);
            return ((DayResult.Rows) result).raw();
        }
    }

    /** The same answer fetched by hand: the simulator answers a day the same way every time. */
    private static byte[] servedBody(String site) throws IOException {
        HttpUrl url = HttpUrl.get(simulator.baseUrl()).newBuilder().addPathSegment("site").addPathSegment(site)
                .addQueryParameter("date", "20240325").addQueryParameter("increment", "15")
                .addQueryParameter("total_property", "N").build();
        try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url)
                .header("Authorization", Credentials.basic("simulator", "simulator")).build()).execute()) {
            return r.body().bytes();
        }
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    @Test
    void storesTheServedAnswerGzippedUnderThePolledDay() throws IOException {
        DataLakeArchive archive = new DataLakeArchive(s3, BUCKET, "shoppertrak/raw");
        RawAnswer raw = fetchSite(SITE);

        assertThat(archive.store(DAY, raw)).isTrue();

        String key = archive.objectKey(DAY, raw);
        assertThat(key).isEqualTo("shoppertrak/raw/2024/03/25/site_macomb%27s%20bridge_20240420T061500.123Z.xml.gz");
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertThat(gunzip(object.asByteArray())).isEqualTo(servedBody(SITE));
        assertThat(object.response().contentEncoding()).isEqualTo("gzip");
        assertThat(object.response().contentType()).startsWith("application/xml");
    }

    @Test
    void namesAllSitesAnswersAfterTheEndpointAlone() {
        RawAnswer raw = new RawAnswer(null, FETCHED, new byte[] {1});

        assertThat(new DataLakeArchive(s3, BUCKET, "").objectKey(DAY, raw))
                .isEqualTo("2024/03/25/allsites_20240420T061500.123Z.xml.gz");
    }

    @Test
    void normalisesThePathPrefix() {
        RawAnswer raw = new RawAnswer(null, FETCHED, new byte[] {1});
        String expected = "raw/2024/03/25/allsites_20240420T061500.123Z.xml.gz";

        assertThat(new DataLakeArchive(s3, BUCKET, "raw").objectKey(DAY, raw)).isEqualTo(expected);
        assertThat(new DataLakeArchive(s3, BUCKET, "raw/").objectKey(DAY, raw)).isEqualTo(expected);
        assertThat(new DataLakeArchive(s3, BUCKET, "/raw/").objectKey(DAY, raw)).isEqualTo(expected);
        assertThat(new DataLakeArchive(s3, BUCKET, null).objectKey(DAY, raw)).isEqualTo(expected.substring(4));
    }

    @Test
    void makesSiteIdsKeySafeAndReversible() {
        for (String site : new String[] {"aa lib", "arts & letters", "st. agnes", "macomb's bridge", "a_b/c+d%",
            "..", "café"}) {
            String encoded = DataLakeArchive.encodeSiteId(site);

            assertThat(encoded).matches("[A-Za-z0-9%-]+");
            assertThat(DataLakeArchive.decodeSiteId(encoded)).isEqualTo(site);
        }
    }

    @Test
    void reportsAFailedCopyWithOneWarningAndNeverThrows() {
        DataLakeArchive archive = new DataLakeArchive(s3, "no-such-bucket", "raw/");
        RawAnswer raw = new RawAnswer("aa lib", FETCHED, new byte[] {31, -117});

        try (LogCapture log = LogCapture.start()) {
            assertThat(archive.store(DAY, raw)).isFalse();

            assertThat(log.text().lines().filter(line -> line.contains("S3 data lake"))).singleElement().asString()
                    .contains("no-such-bucket").contains("2024-03-25").contains("NoSuchBucket")
                    .contains("write failed").contains("s3:PutObject")
                    .doesNotContain(S3rver.ACCESS_KEY_ID);
        }
    }

    @Test
    void reportsAClientSideFailureAsFalseToo() {
        S3Client closed = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
        closed.close();

        assertThat(new DataLakeArchive(closed, BUCKET, "").store(DAY, new RawAnswer(null, FETCHED, new byte[] {1})))
                .isFalse();
    }
}
