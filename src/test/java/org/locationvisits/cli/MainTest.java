package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void aBadEncryptedValueIsAOneLineStartUpErrorWithExitTwo() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "  SHOPPERTRAK_USERNAME: user",
                "  S3_BUCKET: b",
                "  S3_RESOURCE: k.json",
                "  KINESIS_STREAM_ARN: s",
                "ENCRYPTED_VARIABLES:",
                "  SHOPPERTRAK_PASSWORD: not*base64!",
                ""));

        String[] err = new String[1];
        int status = withStderr(err, () -> Main.run(new String[] {"--config", file.toString()}));

        assertThat(status).isEqualTo(2);
        assertThat(err[0].strip()).startsWith("error: Could not decrypt SHOPPERTRAK_PASSWORD")
                .doesNotContain("not*base64!").doesNotContain("\tat ");
    }

    @Test
    void unknownCommandIsAUsageError() {
        String[] err = new String[1];

        assertThat(withStderr(err, () -> Main.run(new String[] {"frobnicate"}))).isEqualTo(2);
        assertThat(err[0]).contains("unknown command 'frobnicate'").contains("usage:");
    }

    private static int withStderr(String[] captured, java.util.function.IntSupplier body) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return body.getAsInt();
        } finally {
            System.setErr(original);
            captured[0] = buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
