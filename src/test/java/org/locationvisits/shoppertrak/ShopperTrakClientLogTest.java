package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** What the client logs: nothing above INFO about a listed bad poll date, API text escaped. */
class ShopperTrakClientLogTest {
    private static final LocalDate LISTED = LocalDate.of(2024, 3, 10);
    private static final LocalDate OTHER = LocalDate.of(2024, 3, 11);

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(ShopperTrakClient.class);
    private ShopperTrakClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        lines.start();
        log.addAppender(lines);
        ShopperTrakSettings settings = ShopperTrakSettings.defaults(
                server.url("/Traffic/Customer/v1.0/service/").toString(), "user", "pw")
                .withBusyRetries(2, Duration.ofSeconds(1)).withHttpRetries(2, Duration.ofSeconds(1))
                .withLimits(new ShopperTrakSettings.Limits(Duration.ofMinutes(1),
                        ShopperTrakSettings.DEFAULT_MAX_ANSWER_BYTES, Set.of(LISTED)));
        client = new ShopperTrakClient(settings, sleeper);
    }

    @AfterEach
    void stop() {
        log.detachAppender(lines);
        server.close();
    }

    private static String day(LocalDate date, String enters) {
        return "<sites><site siteID=\"aa lib\"><date dateValue=\"" + date.toString().replace("-", "") + "\">"
                + "<entrance name=\"EP 01\"><traffic code=\"01\" exits=\"1\" enters=\"" + enters
                + "\" startTime=\"090000\"/></entrance></date></site></sites>";
    }

    private static String error(String code, String description) {
        return "<?xml version=\"1.0\" ?><message><error>" + code + "</error><description>" + description
                + "</description></message>";
    }

    private void answer(String body) {
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
    }

    private List<Level> levels() {
        return lines.list.stream().map(ILoggingEvent::getLevel).filter(l -> l.isGreaterOrEqual(Level.INFO)).toList();
    }

    @Test
    void parseWarningsOfAListedDayAreInfo() {
        answer(day(LISTED, "many"));
        answer(day(OTHER, "many"));

        client.allSites(LISTED);
        assertThat(levels()).containsOnly(Level.INFO).isNotEmpty();
        lines.list.clear();
        client.allSites(OTHER);
        assertThat(levels()).contains(Level.WARN);
    }

    @Test
    void retriesAndSiteRefusalsOfAListedDayAreInfo() {
        answer(error("E108", "busy"));
        answer(error("E110", "no access"));
        server.enqueue(new MockResponse.Builder().code(500).build());
        answer(day(LISTED, "1"));

        client.site(LISTED, "aa lib");
        client.allSites(LISTED);

        assertThat(levels()).containsOnly(Level.INFO).hasSize(3);
    }

    @Test
    void aSiteRefusalOfAnUnlistedDayIsStillAnError() {
        answer(error("E110", "no access"));

        client.site(OTHER, "aa lib");

        assertThat(levels()).containsExactly(Level.ERROR);
    }

    @Test
    void apiTextInLogLinesHasItsLineBreaksEscaped() {
        // Character references: an XML parser turns a literal CR LF into LF.
        answer(error("E110", "no&#13;&#10;ERROR forged"));

        DayResult result = client.site(OTHER, "aa\nlib");

        String line = lines.list.get(lines.list.size() - 1).getFormattedMessage();
        assertThat(line).contains("no\\r\\nERROR forged").contains("aa\\nlib")
                .doesNotContain("\n").doesNotContain("\r");
        assertThat(((DayResult.SiteError) result).siteId()).isEqualTo("aa\nlib");
    }

    @Test
    void anUnknownErrorCodesReasonIsEscaped() {
        answer(error("E999", "odd\ndescription"));

        DayResult.Failed failed = (DayResult.Failed) client.allSites(OTHER);

        assertThat(failed.reason()).contains("odd\\ndescription").doesNotContain("\n");
    }
}
