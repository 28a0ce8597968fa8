package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.NodeProcess;
import org.locationvisits.testsupport.KmsStub;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The real KmsClient against a JSON 1.1 stub. */
class KmsDecryptorTest {
    private final KmsStub stub = KmsStub.start();
    private final KmsClient kms = kmsAt(stub.endpoint());
    private final KmsDecryptor decryptor = new KmsDecryptor(kms);

    @AfterEach
    void close() {
        kms.close();
        stub.close();
    }

    private static KmsClient kmsAt(URI endpoint) {
        return KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    @Test
    void decryptsToUtf8Plaintext() {
        String ciphertext = stub.register("sécret-κey");

        assertThat(decryptor.decrypt("SHOPPERTRAK_PASSWORD", ciphertext)).isEqualTo("sécret-κey");
        assertThat(stub.decryptCalls()).isEqualTo(1);
    }

    @Test
    void toleratesLineBreaksInTheBase64() {
        String ciphertext = stub.register("pw");
        String wrapped = ciphertext.substring(0, 20) + "\n" + ciphertext.substring(20) + "\n";

        assertThat(decryptor.decrypt("SHOPPERTRAK_PASSWORD", wrapped)).isEqualTo("pw");
    }

    @Test
    void invalidCiphertextNamesTheVariableButNotTheCiphertext() {
        String unknown = Base64.getEncoder().encodeToString("not-a-kms-blob-0123456789".getBytes());

        assertThatThrownBy(() -> decryptor.decrypt("SHOPPERTRAK_PASSWORD", unknown))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHOPPERTRAK_PASSWORD")
                .hasMessageContaining("InvalidCiphertextException")
                .hasMessageNotContaining(unknown)
                .hasMessageNotContaining("not-a-kms-blob");
    }

    @Test
    void badBase64NamesTheVariableWithoutCallingKms() {
        String garbage = "this is %%% not base64 at all";

        assertThatThrownBy(() -> decryptor.decrypt("SHOPPERTRAK_USERNAME", garbage))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHOPPERTRAK_USERNAME")
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("%%%")
                .hasNoCause();
        assertThat(stub.decryptCalls()).isZero();
    }

    @Test
    void emptyValueNamesTheVariable() {
        assertThatThrownBy(() -> decryptor.decrypt("SHOPPERTRAK_USERNAME", " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHOPPERTRAK_USERNAME")
                .hasMessageContaining("empty");
    }

    @Test
    void accessDeniedSaysWhichPermissionIsMissing() {
        String ciphertext = stub.register("pw");
        stub.failDecryptsWith(400, "AccessDeniedException");

        assertThatThrownBy(() -> decryptor.decrypt("SHOPPERTRAK_PASSWORD", ciphertext))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHOPPERTRAK_PASSWORD")
                .hasMessageContaining("kms:Decrypt")
                .hasMessageNotContaining(ciphertext);
    }

    @Test
    void unreachableKmsNamesTheVariable() {
        String ciphertext = stub.register("pw");
        try (KmsClient nowhere = kmsAt(URI.create("http://127.0.0.1:" + NodeProcess.freePort()))) {
            assertThatThrownBy(() -> new KmsDecryptor(nowhere).decrypt("SHOPPERTRAK_PASSWORD", ciphertext))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SHOPPERTRAK_PASSWORD")
                    .hasMessageContaining("unreachable")
                    .hasMessageNotContaining(ciphertext);
        }
    }
}
