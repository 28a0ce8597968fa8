package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.config.SettingsTable;

class MainTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** With an empty environment and no AWS: what these tests run never gets that far. */
    private int run(String... args) {
        return Main.run(new Context(Map.of(), region -> {
            throw new AssertionError("no AWS client is needed");
        }, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

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

    @Test
    void aBadDateIsAUsageErrorThatNamesTheOption() {
        assertThat(run("fetch", "--date", "2024-02-30")).isEqualTo(2);
        assertThat(err()).startsWith("error: Invalid value for option '--date': '2024-02-30' is not a date YYYY-MM-DD")
                .contains("usage: java -jar location-visits-poller.jar fetch");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingOptionIsAUsageError() {
        assertThat(run("fetch")).isEqualTo(2);
        assertThat(err()).contains("Missing required option").contains("--date");
    }

    @Test
    void eachCommandPrintsItsOwnOptionsForHelp() {
        assertThat(run("fetch", "--help")).isZero();
        assertThat(out()).startsWith("usage: java -jar location-visits-poller.jar fetch")
                .contains("--date YYYY-MM-DD", "--site ID", "--config FILE").doesNotContain("--from");
        out.reset();
        assertThat(run("replay", "-h")).isZero();
        assertThat(out()).contains("--from YYYY-MM-DD", "--to YYYY-MM-DD", "--dry-run").doesNotContain("--date");
        out.reset();
        assertThat(run("help", "report")).isZero();
        assertThat(out()).contains("--html FILE").doesNotContain("--dry-run");
        out.reset();
        assertThat(run("offsets", "set", "--help")).isZero();
        assertThat(out()).contains("YYYY-MM-DD", "--forget-recovery");
        assertThat(err()).isEmpty();
    }

    @Test
    void helpListsEveryCommandWithItsDescription() {
        assertThat(run("help")).isZero();
        String help = out();
        assertThat(help).startsWith("usage: java -jar location-visits-poller.jar")
                .contains("the main job: poll ShopperTrak, deliver to Kinesis, store the offset in S3")
                .contains("--config FILE")
                .containsPattern("(?m)^  fetch +print one day's rows as JSON lines, as they would be sent")
                .containsPattern("(?m)^  replay +send the data-lake copy of those days again")
                .containsPattern("(?m)^  offsets +show: print the stored offset; set: move it")
                .containsPattern("(?m)^  simulator +run the ShopperTrak simulator")
                .containsPattern("(?m)^  report +completeness of each site-day, from the data-lake archive")
                .containsPattern("(?m)^  demo +run the main job end to end on local stand-ins")
                .containsPattern("(?m)^  settings +print the table of every setting")
                .contains("connector-config/$ENVIRONMENT.yaml (see README)")
                .doesNotContainPattern("(?m)^  run ");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).isEqualTo(help);
    }

    @Test
    void settingsPrintsTheTable() {
        assertThat(run("settings", "--markdown")).isZero();
        assertThat(out()).isEqualTo(withNewline(SettingsTable.markdown()));
        out.reset();
        assertThat(run("settings")).isZero();
        assertThat(out()).isEqualTo(withNewline(SettingsTable.text()));
        assertThat(run("settings", "--html")).isEqualTo(2);
    }

    private static String withNewline(String table) {
        return table.isEmpty() || table.endsWith("\n") ? table : table + "\n";
    }

    @Test
    void demoTakesNoArgument() {
        assertThat(run("demo", "now")).isEqualTo(2);
        assertThat(err()).contains("'now'").contains("usage: java -jar location-visits-poller.jar demo");
    }

    @Test
    void aConfigurationProblemIsExitTwoWithEveryProblemListed() {
        assertThat(run("--config", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err()).startsWith("Configuration is not valid:").contains("missing.yaml does not exist");
        err.reset();
        assertThat(run("run", "--config", dir.resolve("missing.yaml").toString())).as("the main job by name")
                .isEqualTo(2);
        assertThat(err()).startsWith("Configuration is not valid:").contains("missing.yaml does not exist");
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
