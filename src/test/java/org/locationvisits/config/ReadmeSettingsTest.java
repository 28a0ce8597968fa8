package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.locationvisits.config.SettingsTable.Part;

/**
 * The README's configuration tables are the settings table's output, between marker comments. To bring them
 * up to date: {@code mvn test -Dtest=ReadmeSettingsTest -Dsettings.write=true}, or paste the output of
 * {@code java -jar target/location-visits-poller.jar settings --markdown}.
 */
class ReadmeSettingsTest {
    static final Path README = Path.of("README.md");

    @Test
    void readmeTablesAreTheSettingsTable() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("settings.write")) {
            readme = rewritten(readme);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
        }
        for (Part part : Part.values()) {
            assertThat(section(readme, part))
                    .as("README.md between the settings:%s markers differs from SettingsTable.markdown(%s); run "
                            + "`java -jar target/location-visits-poller.jar settings --markdown` and paste its %s "
                            + "table, or rewrite them all with `mvn test -Dtest=ReadmeSettingsTest "
                            + "-Dsettings.write=true`", name(part), part, name(part))
                    .isEqualTo(SettingsTable.markdown(part));
        }
    }

    /** {@code readme} with every marked section replaced by the table's current output. */
    static String rewritten(String readme) {
        String text = readme;
        for (Part part : Part.values()) {
            Matcher m = marked(part).matcher(text);
            assertThat(m.find()).as("README.md has settings:%s markers", name(part)).isTrue();
            text = text.substring(0, m.start(2)) + SettingsTable.markdown(part) + text.substring(m.end(2));
        }
        return text;
    }

    private static String section(String readme, Part part) {
        Matcher m = marked(part).matcher(readme);
        assertThat(m.find()).as("README.md has settings:%s markers", name(part)).isTrue();
        return m.group(2);
    }

    private static Pattern marked(Part part) {
        return Pattern.compile("(<!-- settings:" + name(part) + ":begin[^\\n]*-->\\n)(.*?)(<!-- settings:" + name(part)
                + ":end -->)", Pattern.DOTALL);
    }

    private static String name(Part part) {
        return part.name().toLowerCase(java.util.Locale.ROOT);
    }
}
