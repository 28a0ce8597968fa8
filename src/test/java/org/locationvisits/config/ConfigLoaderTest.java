package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.common.AwsClients;
import org.locationvisits.testsupport.KmsStub;

import software.amazon.awssdk.services.kms.KmsClient;

class ConfigLoaderTest {
    private static KmsStub kms;
    private static KmsClient kmsClient;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKms() {
        kms = KmsStub.start();
        kmsClient = AwsClients.kms("us-east-1", kms.endpoint(), "id", "secret");
    }

    @AfterAll
    static void stopKms() {
        kmsClient.close();
        kms.close();
    }

    @Test
    void decryptsKmsEncryptedUsernameAndPasswordFromYaml() throws Exception {
        Path file = dir.resolve("devel.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "  SHOPPERTRAK_API_BASE_URL: http://127.0.0.1:9/service/",
                "  S3_BUCKET: bucket",
                "  S3_RESOURCE: state.json",
                "  KINESIS_STREAM_ARN: LocationVisits",
                "  MAX_RETRIES: 4",
                "ENCRYPTED_VARIABLES:",
                "  SHOPPERTRAK_USERNAME: " + kms.register("lib-user"),
                "  SHOPPERTRAK_PASSWORD: " + kms.register("s3cr3t-pw"),
                ""));

        RunnerSettings settings = ConfigLoader.load(Map.of(), file, region -> new KmsDecryptor(kmsClient)::decrypt);

        assertThat(settings.shopperTrakUsername()).isEqualTo("lib-user");
        assertThat(settings.shopperTrakPassword()).isEqualTo("s3cr3t-pw");
        assertThat(settings.maxRetries()).isEqualTo(4);
    }

    @Test
    void environmentOverridesTheFileAndSkipsDecryption() throws Exception {
        Path file = dir.resolve("flat.yaml");
        Files.writeString(file, "S3_BUCKET: from-file\nMAX_RETRIES: 2\n");
        Map<String, String> env = new HashMap<>(RunnerSettingsTest.valid());
        env.put("S3_BUCKET", "from-env");
        env.remove("MAX_RETRIES");

        RunnerSettings settings = ConfigLoader.load(env, file, region -> (name, value) -> {
            throw new AssertionError("nothing is encrypted");
        });

        assertThat(settings.s3Bucket()).isEqualTo("from-env");
        assertThat(settings.maxRetries()).isEqualTo(2);
    }

    @Test
    void reportsBadValuesBeforeCallingKms() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "PLAINTEXT_VARIABLES:\n  KINESIS_BATCH_SIZE: 9000\n"
                + "ENCRYPTED_VARIABLES:\n  SHOPPERTRAK_PASSWORD: " + kms.register("pw") + "\n");
        AtomicInteger decrypts = new AtomicInteger();
        Map<String, String> env = new HashMap<>(RunnerSettingsTest.valid());
        env.remove("SHOPPERTRAK_PASSWORD");

        assertThatThrownBy(() -> ConfigLoader.load(env, file, region -> (n, v) -> {
            decrypts.incrementAndGet();
            return "x";
        })).hasMessageContaining("KINESIS_BATCH_SIZE must be a whole number from 1 to 500");
        assertThat(decrypts).hasValue(0);
    }

    @Test
    void offsetsCommandsDoNotDecryptTheShopperTrakSecrets() throws Exception {
        Path file = dir.resolve("offsets.yaml");
        Files.writeString(file, "PLAINTEXT_VARIABLES:\n  S3_BUCKET: b\n  S3_RESOURCE: k.json\n"
                + "ENCRYPTED_VARIABLES:\n  SHOPPERTRAK_PASSWORD: " + kms.register("pw") + "\n");

        RunnerSettings settings = ConfigLoader.load(Map.of(), file, region -> (n, v) -> {
            throw new AssertionError("no KMS call for " + n);
        }, Purpose.OFFSETS);

        assertThat(settings.s3Bucket()).isEqualTo("b");
    }

    @Test
    void anyVariableMayBeEncryptedAndIsValidatedAfterDecryption() throws Exception {
        Path file = dir.resolve("all-encrypted.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "  SHOPPERTRAK_API_BASE_URL: http://127.0.0.1:9/service/",
                "  KINESIS_STREAM_ARN: LocationVisits",
                "ENCRYPTED_VARIABLES:",
                "  SHOPPERTRAK_USERNAME: " + kms.register("lib-user"),
                "  SHOPPERTRAK_PASSWORD: " + kms.register("s3cr3t-pw"),
                "  MAX_RETRIES: " + kms.register("7"),
                "  LAST_POLL_DATE: " + kms.register("2024-03-25"),
                // With IGNORE_CACHE=true, S3_BUCKET and S3_RESOURCE are not needed: only decryption tells.
                "  IGNORE_CACHE: " + kms.register("true"),
                ""));
        int before = kms.decryptCalls();

        RunnerSettings settings = ConfigLoader.load(Map.of(), file, region -> new KmsDecryptor(kmsClient)::decrypt);

        assertThat(settings.maxRetries()).isEqualTo(7);
        assertThat(settings.lastPollDate()).contains(LocalDate.of(2024, 3, 25));
        assertThat(settings.ignoreCache()).isTrue();
        assertThat(settings.shopperTrakPassword()).isEqualTo("s3cr3t-pw");
        assertThat(kms.decryptCalls() - before).isEqualTo(5);
    }

    @Test
    void aDecryptedValueThatIsInvalidIsNamedButNeverShown() throws Exception {
        Path file = dir.resolve("bad-secret.yaml");
        Files.writeString(file, String.join("\n",
                "ENCRYPTED_VARIABLES:",
                "  MAX_RETRIES: " + kms.register("hunter2-s3cret"),
                "  SHOPPERTRAK_API_BASE_URL: " + kms.register("ftp://user:hunter2-s3cret@host/"),
                "  LAST_POLL_DATE: " + kms.register("2024-03-25"),
                "  LAST_END_DATE: " + kms.register("2024-03-20"),
                "  SHOPPERTRAK_PASSWORD: " + kms.register(""),
                ""));
        Map<String, String> env = new HashMap<>(RunnerSettingsTest.valid());
        env.keySet().removeAll(Set.of("SHOPPERTRAK_API_BASE_URL", "SHOPPERTRAK_PASSWORD"));

        assertThatThrownBy(() -> ConfigLoader.load(env, file, region -> new KmsDecryptor(kmsClient)::decrypt))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MAX_RETRIES must be a whole number from 1 to 100")
                .hasMessageContaining("SHOPPERTRAK_API_BASE_URL must be an http(s) URL")
                .hasMessageContaining("LAST_END_DATE")
                .hasMessageContaining("SHOPPERTRAK_PASSWORD is required")
                .hasMessageContaining("decrypted value of MAX_RETRIES, not shown")
                .hasMessageNotContaining("hunter2-s3cret")
                .hasMessageNotContaining("2024-03-20");
    }

    @Test
    void aPlainBadValueFailsBeforeAnyKmsCallEvenWithEncryptedNumbers() throws Exception {
        Path file = dir.resolve("bad-plain.yaml");
        Files.writeString(file, "PLAINTEXT_VARIABLES:\n  KINESIS_BATCH_SIZE: 9000\n"
                + "ENCRYPTED_VARIABLES:\n  MAX_RETRIES: " + kms.register("4") + "\n");
        int before = kms.decryptCalls();

        assertThatThrownBy(() -> ConfigLoader.load(RunnerSettingsTest.valid(), file,
                region -> new KmsDecryptor(kmsClient)::decrypt))
                .hasMessageContaining("KINESIS_BATCH_SIZE must be a whole number from 1 to 500")
                .hasMessageNotContaining("MAX_RETRIES");
        assertThat(kms.decryptCalls()).isEqualTo(before);
    }

    @Test
    void anEncryptedRegionIsRefusedWithTheReason() throws Exception {
        Path file = dir.resolve("region.yaml");
        Files.writeString(file, "ENCRYPTED_VARIABLES:\n  AWS_REGION: " + kms.register("eu-west-1") + "\n");

        assertThatThrownBy(() -> ConfigLoader.load(RunnerSettingsTest.valid(), file,
                region -> new KmsDecryptor(kmsClient)::decrypt))
                .hasMessageContaining("AWS_REGION cannot be encrypted");
    }

    @Test
    void missingFileNamesItsPath() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), dir.resolve("nope.yaml"), region -> (n, v) -> v))
                .hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
    }

    @Test
    void shippedTemplatesNameEveryVariableInTheirSections() {
        for (String environment : new String[] {"devel", "production"}) {
            ConfigFile file = ConfigFile.read(ConfigFile.forEnvironment(Path.of(""), environment));

            assertThat(file.plaintext()).containsKeys("AWS_REGION", "SHOPPERTRAK_API_BASE_URL", "MAX_RETRIES",
                    "S3_BUCKET", "S3_RESOURCE", "LOCATION_VISITS_SCHEMA_URL", "KINESIS_BATCH_SIZE",
                    "KINESIS_STREAM_ARN", "LOG_LEVEL");
            assertThat(file.encrypted()).containsKeys("SHOPPERTRAK_USERNAME", "SHOPPERTRAK_PASSWORD");
        }
        ConfigFile production = ConfigFile.read(ConfigFile.forEnvironment(Path.of(""), "production"));
        assertThat(production.plaintext()).containsKeys("REDSHIFT_DB_NAME", "ALL_SITES_S3_BUCKET",
                "ALL_SITES_S3_RESOURCE", "DATA_LAKE_S3_BUCKET", "DATA_LAKE_S3_PATH", "BAD_POLL_DATES");
        assertThat(production.encrypted()).containsKeys("REDSHIFT_DB_HOST", "REDSHIFT_DB_USER", "REDSHIFT_DB_PASSWORD");
    }

    @Test
    void environmentVariablePicksTheFile() {
        assertThat(ConfigLoader.configFile(Map.of("ENVIRONMENT", "devel"), null))
                .isEqualTo(Path.of("connector-config", "devel.yaml"));
    }

    @Test
    void startUpLineNamesTheFileAndShowsDecryptedValuesAsEncrypted() throws Exception {
        Path file = dir.resolve("devel.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "  SHOPPERTRAK_API_BASE_URL: http://127.0.0.1:9/service/",
                "  S3_BUCKET: bucket",
                "  S3_RESOURCE: state.json",
                "  KINESIS_STREAM_ARN: LocationVisits",
                "ENCRYPTED_VARIABLES:",
                "  SHOPPERTRAK_USERNAME: " + kms.register("lib-user-7"),
                "  SHOPPERTRAK_PASSWORD: " + kms.register("s3cr3t-pw"),
                ""));

        String line = ConfigLoader.load(Map.of(), file, region -> new KmsDecryptor(kmsClient)::decrypt).toString();

        assertThat(line).startsWith("configuration file " + file + ";")
                .contains("SHOPPERTRAK_USERNAME=(encrypted)").doesNotContain("lib-user-7")
                .contains("S3_BUCKET=bucket");
    }

    @Test
    void environmentFindsThePollersConfigDirectoryWhenOursIsAbsent() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve("production.yaml"), "S3_BUCKET: b\n");

        assertThat(ConfigLoader.configFile(Map.of("ENVIRONMENT", "production"), null, dir))
                .isEqualTo(dir.resolve("config").resolve("production.yaml"));
        Files.createDirectories(dir.resolve("connector-config"));
        Files.writeString(dir.resolve("connector-config").resolve("production.yaml"), "S3_BUCKET: b\n");
        assertThat(ConfigLoader.configFile(Map.of("ENVIRONMENT", "production"), null, dir))
                .isEqualTo(dir.resolve("connector-config").resolve("production.yaml"));
        // Neither: the error names ours, the one the README documents.
        assertThat(ConfigLoader.configFile(Map.of("ENVIRONMENT", "devel"), null, dir))
                .isEqualTo(dir.resolve("connector-config").resolve("devel.yaml"));
    }

    @Test
    void shippedProductionFileNamesTheStateObjectAsProductionDoes() {
        ConfigFile production = ConfigFile.read(ConfigFile.forEnvironment(Path.of(""), "production"));

        assertThat(production.plaintext()).containsEntry("S3_RESOURCE", "location_visits_poller_state.json");
    }
}
