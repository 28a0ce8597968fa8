package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.S3rver;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The all-sites list read from a real s3rver process. */
class SiteListTest {
    private static final String BUCKET = "all-sites";
    private static S3rver s3rver;
    private static S3Client s3;

    @BeforeAll
    static void startS3rver() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = s3rver.client();
    }

    @AfterAll
    static void stopS3rver() {
        if (s3rver != null) {
            s3rver.close();
        }
    }

    private static void put(String key, String body) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    @Test
    void readsSiteIdsTrimmedWithoutDuplicatesInOrder() {
        put("sites.json", "[\"bb lib\", \" aa lib \", \"cc main\", \"aa lib\", \"bb lib\"]");

        SiteList sites = SiteList.load(s3, BUCKET, "sites.json");

        assertThat(sites.siteIds()).containsExactly("bb lib", "aa lib", "cc main");
        assertThat(sites.location()).isEqualTo("s3://all-sites/sites.json");
    }

    @Test
    void aMissingObjectNamesItsLocation() {
        assertThatThrownBy(() -> SiteList.load(s3, BUCKET, "nope.json")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("S3 all-sites list s3://all-sites/nope.json: read failed: it does not exist");
    }

    @Test
    void badJsonNamesItsLocation() {
        put("broken.json", "[\"aa lib\",");

        assertThatThrownBy(() -> SiteList.load(s3, BUCKET, "broken.json"))
                .hasMessageStartingWith("The all-sites list s3://all-sites/broken.json is not valid JSON");
    }

    @Test
    void refusesJsonThatIsNotAListOfSiteIds() {
        put("object.json", "{\"sites\": [\"aa lib\"]}");
        put("numbers.json", "[\"aa lib\", 12]");
        put("empty.json", "[]");

        assertThatThrownBy(() -> SiteList.load(s3, BUCKET, "object.json"))
                .hasMessageContaining("s3://all-sites/object.json must be a JSON array of site IDs");
        assertThatThrownBy(() -> SiteList.load(s3, BUCKET, "numbers.json"))
                .hasMessageContaining("s3://all-sites/numbers.json: entry 1 (12) must be a site ID string");
        assertThatThrownBy(() -> SiteList.load(s3, BUCKET, "empty.json")).hasMessageContaining("lists no sites");
    }

    @Test
    void aStoppedS3NamesTheListTheReadAndWhatToCheck() {
        org.locationvisits.testsupport.S3ProxyServer proxy = org.locationvisits.testsupport.S3ProxyServer.start("sites");
        java.net.URI stopped = proxy.endpoint();
        proxy.close();
        try (S3Client down = org.locationvisits.common.AwsClients.s3("us-east-1", stopped,
                org.locationvisits.testsupport.S3ProxyServer.ACCESS_KEY_ID,
                org.locationvisits.testsupport.S3ProxyServer.SECRET_ACCESS_KEY)) {
            assertThatThrownBy(() -> SiteList.load(down, "sites", "site_ids.json"))
                    .hasMessageStartingWith("S3 all-sites list s3://sites/site_ids.json: read failed: S3 is unreachable (")
                    .hasMessageContaining("AWS_ENDPOINT_URL_S3").hasMessageContaining("s3:GetObject");
        }
    }
}
