package org.locationvisits.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.cli.Context;
import org.locationvisits.cli.Main;
import org.locationvisits.common.AwsClients;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.simulator.RequestLog;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.testsupport.KmsStub;
import org.locationvisits.testsupport.S3ProxyServer;
import org.locationvisits.warehouse.WarehouseTables;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code check} through the jar's parser, on real stand-ins: S3Proxy (which honours conditional writes as S3 does,
 * and refuses a PUT as a policy would), kinesis-local and the ShopperTrak simulator.
 */
class CheckCommandTest {
    private static final String BUCKET = "check-state";
    private static final String STATE = "{\"last_poll_date\": \"2024-03-25\"}";
    /** 22:30 in New York on 2024-03-28 (already the 29th in UTC): yesterday is 2024-03-27. */
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 22, 30, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);

    private static S3ProxyServer s3proxy;
    /** S3Proxy behind a bucket policy that refuses what a test says. */
    private static PolicyProxy policy;
    private static S3Client s3;
    private static KinesisLocal kinesis;
    private static ShopperTrakSimulator simulator;
    private static String stream;
    private static EmbeddedPostgres pg;
    private static WarehouseTables qa;

    private final String key = "state-" + UUID.randomUUID() + ".json";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startStandIns() throws Exception {
        s3proxy = S3ProxyServer.start(BUCKET);
        policy = PolicyProxy.in(s3proxy.endpoint());
        s3 = AwsClients.s3("us-east-1", policy.endpoint(), S3ProxyServer.ACCESS_KEY_ID,
                S3ProxyServer.SECRET_ACCESS_KEY);
        kinesis = KinesisLocal.start();
        stream = "check-" + UUID.randomUUID().toString().substring(0, 8);
        kinesis.createStream(stream, 2);
        simulator = ShopperTrakSimulator.builder().sites(3).start();
        pg = WarehouseTables.startPostgres();
        qa = WarehouseTables.create(pg, "qa");
        qa.hours("aa", "Monday", "09:00", "18:00").hours("bb", "Monday", "10:00", "17:00")
                .closure("aa", java.time.LocalDate.parse("2024-12-25"));
        // The job's user as an administrator might have set it up: it may read every table but update none.
        qa.execute("CREATE ROLE poller LOGIN", "GRANT SELECT ON " + qa.table("location_visits") + ", "
                + qa.table("location_hours_v2") + ", " + qa.table("location_closures_v2") + " TO poller");
    }

    @AfterAll
    static void stopStandIns() throws Exception {
        if (pg != null) {
            pg.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (policy != null) {
            policy.close();
        }
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
        env.put("SHOPPERTRAK_USERNAME", simulator.username());
        env.put("SHOPPERTRAK_PASSWORD", simulator.password());
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_RESOURCE", key);
        env.put("KINESIS_STREAM_ARN", stream);
        return env;
    }

    private int check(Map<String, String> env, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "check";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(new Context(env, region -> Wiring.Aws.of(s3, kinesis.client()), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                line);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines(String status) {
        return output().lines().filter(l -> l.startsWith(status + " ")).toList();
    }

    private void storeState() {
        s3proxy.client().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(STATE));
    }

    private String storedState() {
        return s3proxy.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Test
    void everyCheckPassesWritingNothingAndSpendingNoShopperTrakCall() {
        storeState();
        int putsBefore = s3proxy.storedPuts();
        simulator.requestLog().clear();

        assertThat(check(env())).as(output()).isZero();

        assertThat(lines("FAIL")).isEmpty();
        assertThat(output()).contains("state object read", "last_poll_date 2024-03-25: the next run starts with"
                + " 2024-03-26");
        assertThat(lines("OK")).anyMatch(l -> l.contains("state object write") && l.contains("answered 412"));
        assertThat(lines("OK")).anyMatch(l -> l.contains("Kinesis stream") && l.contains("ACTIVE, 2 open shard(s)")
                && l.contains("2000 records/s"));
        assertThat(lines("OK")).anyMatch(l -> l.contains("schema") && l.contains("first record generation"));
        assertThat(lines("OK")).anyMatch(l -> l.contains("ShopperTrak reachable") && l.contains("401"));
        assertThat(lines("SKIP")).anyMatch(l -> l.contains("ShopperTrak credentials") && l.contains("--call-api"));
        assertThat(s3proxy.storedPuts()).isEqualTo(putsBefore);
        assertThat(storedState()).isEqualTo(STATE);
        // The one request ShopperTrak saw carried no credentials: it cannot be counted against the account.
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::answer).containsOnly("401");
    }

    @Test
    void aMissingStateObjectIsWritableWithoutBeingCreated() {
        assertThat(check(env())).as(output()).isZero();

        assertThat(output()).contains("no state stored yet");
        assertThat(lines("OK")).anyMatch(l -> l.contains("state object write") && l.contains("answered 404"));
        assertThat(s3proxy.client().listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents()).isEmpty();
    }

    @Test
    void aStateObjectThePolicyLetsReadButNotWriteFails() {
        storeState();
        policy.refusePut(BUCKET, key);

        assertThat(check(env())).as(output()).isEqualTo(1);

        assertThat(lines("OK")).anyMatch(l -> l.contains("state object read"));
        assertThat(lines("FAIL")).singleElement().asString().contains("state object write", "access denied",
                "AccessDenied", "s3:PutObject on s3://" + BUCKET + "/" + key);
        assertThat(output()).endsWith("run check again.\n");
    }

    @Test
    void aPolicyGrantingTheStateObjectButNotItsProbeSiblingStillProvesTheWrite() {
        storeState();
        policy.refusePut(BUCKET, key + S3WriteProbe.SIBLING_SUFFIX);
        int putsBefore = s3proxy.storedPuts();

        assertThat(check(env())).as(output()).isZero();

        assertThat(lines("OK")).anyMatch(l -> l.contains("state object write") && l.contains("answered 412"));
        assertThat(s3proxy.storedPuts()).isEqualTo(putsBefore);
        assertThat(storedState()).isEqualTo(STATE);
    }

    @Test
    void userInfoAndQueryOfTheShopperTrakUrlAreNeverPrinted() {
        Map<String, String> env = env();
        String base = okhttp3.HttpUrl.get(simulator.baseUrl()).newBuilder().username("svc-user")
                .password("svc-pass").query("key=abc&next=/").build().toString();
        assertThat(base).contains("svc-user:svc-pass@").endsWith("?key=abc&next=/");
        env.put("SHOPPERTRAK_API_BASE_URL", base);

        assertThat(check(env)).as(output()).isZero();
        assertThat(check(env, "--call-api")).as(output()).isZero();

        assertThat(lines("OK")).anyMatch(l -> l.contains("ShopperTrak reachable"));
        assertThat(lines("OK")).anyMatch(l -> l.contains("ShopperTrak --call-api"));
        assertThat(output()).doesNotContain("svc-user", "svc-pass", "abc");
    }

    @Test
    void aMissingStreamFailsWithWhatToFix() {
        Map<String, String> env = env();
        env.put("KINESIS_STREAM_ARN", "no-such-stream");

        assertThat(check(env)).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).singleElement().asString().contains("Kinesis stream", "no-such-stream",
                "no such stream", "KINESIS_STREAM_ARN");
    }

    @Test
    void anUnreachableSchemaUrlFails() {
        Map<String, String> env = env();
        env.put("LOCATION_VISITS_SCHEMA_URL", "http://127.0.0.1:1/schema?token=secret-token");
        env.put("SHOPPERTRAK_CALL_TIMEOUT_SECONDS", "2");

        assertThat(check(env)).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).singleElement().asString().contains("schema", "LOCATION_VISITS_SCHEMA_URL");
        assertThat(output()).doesNotContain("secret-token");
    }

    @Test
    void aConfigurationErrorExitsTwoBeforeAnyCheck() {
        Map<String, String> env = env();
        env.remove("S3_BUCKET");
        env.put("SHOPPERTRAK_PASSWORD", "hunter2-secret");
        simulator.requestLog().clear();

        assertThat(check(env)).isEqualTo(2);

        assertThat(output()).startsWith("FAIL  configuration").contains("S3_BUCKET").doesNotContain("hunter2-secret");
        assertThat(output().lines()).hasSize(1);
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void callApiSpendsExactlyOneCallForYesterdayAndSaysSo() {
        simulator.requestLog().clear();

        assertThat(check(env(), "--call-api")).as(output()).isZero();

        assertThat(lines("OK")).anyMatch(l -> l.contains("ShopperTrak --call-api") && l.contains("allsites, date 2024-03-27")
                && l.contains("credentials accepted") && l.contains("1 API call spent"));
        assertThat(output()).doesNotContain("SKIP  ShopperTrak credentials");
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::answer)
                .containsExactly("401", "rows");
    }

    @Test
    void callApiWithAWrongPasswordFailsAndNamesTheSettingsNotTheSecret() {
        Map<String, String> env = env();
        env.put("SHOPPERTRAK_PASSWORD", "wrong-secret");
        simulator.requestLog().clear();

        assertThat(check(env, "--call-api")).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).singleElement().asString().contains("credentials refused (HTTP 401)",
                "SHOPPERTRAK_PASSWORD", "1 API call spent");
        assertThat(output()).doesNotContain("wrong-secret");
        assertThat(simulator.requestLog().count()).isEqualTo(2);
    }

    private Map<String, String> withWarehouse(String user) {
        Map<String, String> env = env();
        env.put("REDSHIFT_DB_HOST", "127.0.0.1");
        env.put("REDSHIFT_DB_PORT", String.valueOf(pg.getPort()));
        env.put("REDSHIFT_DB_NAME", "qa");
        env.put("REDSHIFT_DB_USER", user);
        env.put("REDSHIFT_DB_PASSWORD", WarehouseTables.PASSWORD);
        env.put("REDSHIFT_DB_SSLMODE", "disable");
        return env;
    }

    @Test
    void aWarehouseUserWithoutUpdateFailsOnTheVisitsTableOnlyAndTheCalendarIsRead() {
        assertThat(check(withWarehouse("poller"))).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).singleElement().asString().contains("warehouse privileges", "location_visits_qa",
                "user poller lacks UPDATE: GRANT UPDATE ON location_visits_qa TO poller", "IGNORE_UPDATE=true");
        assertThat(lines("OK")).anyMatch(l -> l.contains("location_hours_v2_qa") && l.contains("holds SELECT"));
        assertThat(lines("OK")).anyMatch(l -> l.contains("location_closures_v2_qa") && l.contains("holds SELECT"));
        assertThat(lines("OK")).anyMatch(l -> l.startsWith("OK    calendar")
                && l.contains("2 branch(es) with hours, 1 full-day closure(s)"));
        assertThat(output()).doesNotContain(WarehouseTables.PASSWORD);
    }

    @Test
    void withoutStaleMarksTheSameUserNeedsNoUpdate() {
        Map<String, String> env = withWarehouse("poller");
        env.put("IGNORE_UPDATE", "true");

        assertThat(check(env)).as(output()).isZero();

        assertThat(lines("OK")).anyMatch(l -> l.contains("location_visits_qa") && l.contains("holds SELECT"));
    }

    @Test
    void aMissingWarehouseTableFails() {
        Map<String, String> env = withWarehouse("postgres");
        env.put("REDSHIFT_DB_NAME", "postgres");

        assertThat(check(env)).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).anyMatch(l -> l.contains("location_visits_postgres")
                && l.contains("the table does not exist") && l.contains("REDSHIFT_DB_NAME"));
    }

    @Test
    void theAllSitesListIsCountedAndTheDataLakeWriteIsProvedWithoutWriting() {
        s3.putObject(b -> b.bucket(BUCKET).key("sites-" + key), RequestBody.fromString("[\"aa lib\", \"bb lib\"]"));
        Map<String, String> env = env();
        env.put("ALL_SITES_S3_BUCKET", BUCKET);
        env.put("ALL_SITES_S3_RESOURCE", "sites-" + key);
        env.put("DATA_LAKE_S3_BUCKET", BUCKET);
        env.put("DATA_LAKE_S3_PATH", "/lake-" + key);

        assertThat(check(env)).as(output()).isZero();

        assertThat(lines("OK")).anyMatch(l -> l.contains("all-sites list") && l.contains("2 site(s)"));
        assertThat(lines("OK")).anyMatch(l -> l.contains("data lake write")
                && l.contains("s3://" + BUCKET + "/lake-" + key + "/location-visits-check.probe")
                && l.contains("answered 404"));
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("lake-" + key)).contents()).isEmpty();
    }

    @Test
    void aDataLakeFolderThePolicyRefusesFails() {
        Map<String, String> env = env();
        env.put("DATA_LAKE_S3_BUCKET", BUCKET);
        env.put("DATA_LAKE_S3_PATH", "lake-" + key);
        policy.refusePut(BUCKET, "lake-" + key + "/location-visits-check.probe");

        assertThat(check(env)).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).singleElement().asString().contains("data lake write", "access denied");
    }

    @Test
    void aMissingAllSitesListFails() {
        Map<String, String> env = env();
        env.put("ALL_SITES_S3_BUCKET", BUCKET);
        env.put("ALL_SITES_S3_RESOURCE", "no-such-" + key);

        assertThat(check(env)).as(output()).isEqualTo(1);

        assertThat(lines("FAIL")).singleElement().asString().contains("all-sites list", "does not exist",
                "ALL_SITES_S3_RESOURCE");
    }

    /** Runs {@code check --config file} with the SDK's KMS client pointed at {@code kms} (system properties). */
    private int checkWithKms(KmsStub kms, Path file, Map<String, String> env) {
        Map<String, String> properties = Map.of("aws.endpointUrlKms", kms.endpoint().toString(),
                "aws.accessKeyId", "check-id", "aws.secretAccessKey", "check-secret");
        properties.forEach(System::setProperty);
        try {
            return check(env, "--config", file.toString());
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static Path configFile(Path dir, KmsStub kms) throws IOException {
        Path file = dir.resolve("qa.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "  AWS_REGION: us-east-1",
                "ENCRYPTED_VARIABLES:",
                "  SHOPPERTRAK_USERNAME: " + kms.register(simulator.username()),
                "  SHOPPERTRAK_PASSWORD: " + kms.register(simulator.password()),
                ""));
        return file;
    }

    @Test
    void theConfigurationLineNamesTheFileAndTheVariablesKmsDecrypted(@TempDir Path dir) throws IOException {
        Map<String, String> env = env();
        env.remove("SHOPPERTRAK_USERNAME");
        env.remove("SHOPPERTRAK_PASSWORD");
        try (KmsStub kms = KmsStub.start()) {
            Path file = configFile(dir, kms);

            assertThat(checkWithKms(kms, file, env)).as(output()).isZero();

            assertThat(output()).startsWith("OK    configuration           " + file + ": valid for the main job; 2"
                    + " KMS-encrypted variable(s) decrypted: SHOPPERTRAK_PASSWORD, SHOPPERTRAK_USERNAME");
            assertThat(kms.decryptCalls()).isEqualTo(2);
        }
    }

    @Test
    void aKmsDecryptionRefusedExitsTwoNamingTheVariableAndTheGrant(@TempDir Path dir) throws IOException {
        Map<String, String> env = env();
        env.remove("SHOPPERTRAK_USERNAME");
        env.remove("SHOPPERTRAK_PASSWORD");
        try (KmsStub kms = KmsStub.start()) {
            Path file = configFile(dir, kms);
            kms.failDecryptsWith(400, "AccessDeniedException");

            assertThat(checkWithKms(kms, file, env)).as(output()).isEqualTo(2);

            assertThat(output().lines()).singleElement().asString().startsWith("FAIL  KMS decryption")
                    .contains("Could not decrypt SHOPPERTRAK_", "kms:Decrypt");
        }
    }
}
