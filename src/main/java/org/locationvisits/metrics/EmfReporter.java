package org.locationvisits.metrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationvisits.source.DayStats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * METRICS_FORMAT=emf: one CloudWatch Embedded Metric Format line per delivered day and one per run on standard
 * output, so the ECS task's log group yields metrics (namespace {@value #NAMESPACE}, dimensions Stream and
 * Environment) and alarms without an agent.
 */
public final class EmfReporter implements RunReporter {
    static final String NAMESPACE = "LocationVisits";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;
    private final String stream;
    private final String environment;

    public EmfReporter(PrintStream out, Clock clock, String stream, String environment) {
        this.out = out;
        this.clock = clock;
        this.stream = stream;
        this.environment = environment;
    }

    @Override
    public void dayDelivered(DayStats stats) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Day", stats.day().toString());
        print(values, metric("RowsDelivered", "Count", stats.rows()),
                metric("HealthyShare", "None", stats.healthyShare()),
                metric("ShopperTrakCalls", "Count", stats.apiCalls()),
                metric("FetchSeconds", "Seconds", stats.fetchTime().toMillis() / 1000.0));
    }

    @Override
    public void runEnded(RunSummary summary, long daysBehind) {
        Map<String, Object> values = new LinkedHashMap<>();
        summary.offset().ifPresent(day -> values.put("LastPollDate", day.toString()));
        summary.stoppedBecause().ifPresent(reason -> values.put("StoppedBecause", reason));
        print(values, metric("DaysBehind", "Count", daysBehind),
                metric("DaysDelivered", "Count", summary.daysDelivered()),
                metric("RowsDelivered", "Count", summary.rowsDelivered()),
                metric("ShopperTrakCalls", "Count", summary.apiCalls() + summary.recovery().apiCalls()),
                metric("RowsRecovered", "Count", summary.recovery().rowsRecovered()),
                metric("RecoveryPendingSiteDays", "Count", summary.recovery().siteDaysLeft()),
                metric("SitesNew", "Count", summary.drift().newSites()),
                metric("SitesGone", "Count", summary.drift().goneSites()),
                metric("RunFailed", "Count", summary.exitCode() == 0 ? 0 : 1));
    }

    private record Metric(String name, String unit, Object value) { }

    private static Metric metric(String name, String unit, Object value) {
        return new Metric(name, unit, value);
    }

    private void print(Map<String, Object> properties, Metric... metrics) {
        List<Map<String, String>> definitions = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        for (Metric m : metrics) {
            definitions.add(Map.of("Name", m.name(), "Unit", m.unit()));
        }
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of("Stream", "Environment")),
                "Metrics", definitions))));
        line.put("Stream", stream);
        line.put("Environment", environment);
        for (Metric m : metrics) {
            Object value = m.value();
            line.put(m.name(), value instanceof Double d && d.isNaN() ? 0 : value);
        }
        line.putAll(properties);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: maps of strings and numbers always serialise", e);
        }
        out.flush();
    }
}
