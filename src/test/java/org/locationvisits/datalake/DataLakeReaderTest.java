package org.locationvisits.datalake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.common.AwsClients;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.shoppertrak.RawAnswer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** What {@link DataLakeArchive} stored, listed and read back from a real s3rver. */
class DataLakeReaderTest {
    private static final String BUCKET = "data-lake";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private static final AtomicInteger prefixes = new AtomicInteger();

    private static S3rver s3rver;
    private static S3Client s3;

    private final String prefix = "lake" + prefixes.incrementAndGet() + "/";
    private final DataLakeArchive archive = new DataLakeArchive(s3, BUCKET, prefix);
    private final DataLakeReader reader = new DataLakeReader(s3, BUCKET, prefix);

    @BeforeAll
    static void start() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (s3rver != null) {
            s3rver.close();
        }
    }

    private static RawAnswer raw(String site, String fetchedAt, String body) {
        return new RawAnswer(site, Instant.parse(fetchedAt), gzip(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String read(DataLakeReader reader, ArchivedAnswer answer) throws IOException {
        try (InputStream in = reader.open(answer)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void listsTheDaysAnswersOldestFirstWithTheirSitesDecoded() {
        archive.store(DAY, raw("macomb's bridge", "2024-03-27T06:00:00.000Z", "<c/>"));
        archive.store(DAY, raw(null, "2024-03-26T06:15:00.123Z", "<a/>"));
        archive.store(DAY, raw("a_b/c+d%", "2024-03-26T07:00:00.000Z", "<b/>"));

        List<ArchivedAnswer> answers = reader.answers(DAY);

        assertThat(answers).extracting(ArchivedAnswer::siteId)
                .containsExactly(null, "a_b/c+d%", "macomb's bridge");
        assertThat(answers.get(0).allSites()).isTrue();
        assertThat(answers.get(0).fetchedAt()).isEqualTo(Instant.parse("2024-03-26T06:15:00.123Z"));
        assertThat(answers).extracting(ArchivedAnswer::day).containsOnly(DAY);
    }

    @Test
    void opensAnAnswerAsTheBytesShopperTrakSent() throws IOException {
        RawAnswer raw = raw("aa lib", "2024-03-26T07:00:00.000Z", "<traffic>é &amp; 1</traffic>");
        archive.store(DAY, raw);

        assertThat(read(reader, reader.answers(DAY).get(0))).isEqualTo("<traffic>é &amp; 1</traffic>");
    }

    @Test
    void listsOnlyThatDayNotANeighbourSharingItsPrefix() {
        archive.store(LocalDate.of(2024, 3, 2), raw(null, "2024-03-03T06:00:00.000Z", "<x/>"));
        archive.store(LocalDate.of(2024, 3, 25), raw(null, "2024-03-26T06:00:00.000Z", "<y/>"));

        assertThat(reader.answers(LocalDate.of(2024, 3, 2))).singleElement()
                .extracting(ArchivedAnswer::fetchedAt).isEqualTo(Instant.parse("2024-03-03T06:00:00Z"));
        assertThat(reader.answers(LocalDate.of(2024, 3, 24))).isEmpty();
    }

    @Test
    void passesOverKeysTheArchiveDidNotWrite() {
        archive.store(DAY, raw(null, "2024-03-26T06:00:00.000Z", "<a/>"));
        for (String name : List.of("notes.txt", "allsites_yesterday.xml.gz", "allsites.xml.gz", "site__20240326T060000.000Z.xml.gz",
                "sub/allsites_20240326T060000.000Z.xml.gz", "other_20240326T060000.000Z.xml.gz")) {
            s3.putObject(b -> b.bucket(BUCKET).key(prefix + "2024/03/25/" + name), RequestBody.fromString("x"));
        }

        assertThat(reader.answers(DAY)).singleElement().extracting(ArchivedAnswer::allSites).isEqualTo(true);
    }

    @Test
    void refusesAnObjectThatIsNotGzipNamingItsKey() {
        String key = prefix + "2024/03/25/allsites_20240326T060000.000Z.xml.gz";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("<plain/>"));

        ArchivedAnswer answer = reader.answers(DAY).get(0);

        assertThatThrownBy(() -> reader.open(answer)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(key).hasMessageContaining("not gzip");
    }

    @Test
    void findsAnswersWhateverFormThePathPrefixTakes() {
        archive.store(DAY, raw(null, "2024-03-26T06:00:00.000Z", "<a/>"));

        assertThat(new DataLakeReader(s3, BUCKET, "/" + prefix.substring(0, prefix.length() - 1)).answers(DAY))
                .hasSize(1);
        assertThat(reader.location()).isEqualTo("s3://" + BUCKET + "/" + prefix);
    }

    @Test
    void aMissingBucketOrObjectNamesTheDataLakeObjectTheOperationAndWhatToCheck() {
        DataLakeReader nowhere = new DataLakeReader(s3, "no-such-lake", prefix);
        assertThatThrownBy(() -> nowhere.answers(DAY)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("S3 data lake s3://no-such-lake/" + prefix + "2024/03/25/: list failed (S3 404 "
                        + "NoSuchBucket)").hasMessageContaining("s3:ListBucket on bucket 'no-such-lake'");

        ArchivedAnswer gone = new ArchivedAnswer(DAY, null, Instant.parse("2024-03-26T10:00:00Z"),
                prefix + "2024/03/25/allsites_gone.xml.gz");
        assertThatThrownBy(() -> reader.open(gone)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("S3 data lake s3://" + BUCKET + "/" + gone.key() + ": read failed (S3 404 NoSuchKey)")
                .hasMessageContaining("s3:GetObject");
    }
}
