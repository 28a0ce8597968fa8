package org.locationvisits.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.locationvisits.drift.DriftCounts;
import org.locationvisits.recovery.RecoveryStats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The run's EMF line counts the sites drifting from the all-sites list, as CloudWatch metrics. */
class EmfDriftTest {
    @Test
    void theRunLineDeclaresAndCarriesSitesNewAndSitesGone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmfReporter emf = new EmfReporter(new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-20T17:00:00Z"), ZoneOffset.UTC), "visits", "qa");

        emf.runEnded(new RunSummary(1, 96, 1, Optional.of(LocalDate.parse("2026-11-19")), Optional.empty(),
                RecoveryStats.NONE, false, new DriftCounts(2, 1)), 0);

        JsonNode line = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.get("SitesNew").asInt()).isEqualTo(2);
        assertThat(line.get("SitesGone").asInt()).isEqualTo(1);
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name"))
                .contains("SitesNew", "SitesGone");
    }
}
