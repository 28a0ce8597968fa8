package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TrafficParserSecurityTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private final TrafficParser parser = new TrafficParser();
    private final List<TrafficRow> rows = new ArrayList<>();

    private ParseOutcome parse(String xml) {
        return parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), DAY, rows::add);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void refusesExternalEntitiesWithoutLeakingFileContent(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE sites [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<sites><site siteID=\"&xxe;\"><date dateValue=\"20240325\"><entrance name=\"EP 01\">"
                + "<traffic code=\"01\" exits=\"1\" enters=\"1\" startTime=\"000000\"/></entrance></date></site></sites>";

        assertThatThrownBy(() -> parse(xml)).isInstanceOf(TrafficDataException.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain("TOP-SECRET-CONTENT"))
                .hasMessageContaining("DTD");
        assertThat(rows).isEmpty();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void refusesABillionLaughsPayloadQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE sites [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        String xml = "<?xml version=\"1.0\"?>\n" + dtd + "<sites><site siteID=\"&lol9;\"/></sites>";

        assertThatThrownBy(() -> parse(xml)).isInstanceOf(TrafficDataException.class)
                .hasMessageContaining("DTD");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void refusesUndeclaredEntityReferences() {
        String xml = "<sites><site siteID=\"a\"><date dateValue=\"20240325\">&foo;</date></site></sites>";

        assertThatThrownBy(() -> parse(xml)).isInstanceOf(TrafficDataException.class);
    }
}
