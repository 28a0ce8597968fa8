package org.locationvisits.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.Test;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.testsupport.TaskContexts;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.testsupport.LogCapture;

/**
 * Site drift in the task as a Connect worker runs it: every record's offset carries it, the
 * plugin metrics {@code sites-new} and {@code sites-gone} count it, and a task restarted from the committed offset
 * does not report it again.
 */
class SiteDriftTaskTest {
    private static final Map<String, String> TAGS = Map.of("connector", "c", "task", "0");

    /** allsites answers 'aa lib' and 'zz lib', never the listed 'bb lib'; a site answer has no row. */
    private final ShopperTrakApi api = new ShopperTrakApi() {
        @Override
        public DayResult allSites(LocalDate day) {
            return new DayResult.Rows(day, List.of(row(day, "aa lib"), row(day, "zz lib")), 1);
        }

        @Override
        public DayResult site(LocalDate day, String siteId) {
            return new DayResult.Rows(day, List.of(), 1);
        }

        @Override
        public void close() {
        }
    };

    @Test
    void recordsCarryTheDriftTheMetricsCountItAndARestartedTaskDoesNotReportItAgain() throws Exception {
        Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
        try (Metrics registry = new Metrics(); LogCapture logs = LogCapture.start()) {
            PluginMetricsImpl metrics = new PluginMetricsImpl(registry, TAGS);
            ShopperTrakSourceTask task = task(at(2026, 11, 20), committed, metrics);
            List<SourceRecord> records = drain(task);
            task.stop();

            assertThat(records).isNotEmpty().allSatisfy(r ->
                    assertThat(r.sourceOffset()).containsKey(SourceOffsets.DRIFT_KEY));
            assertThat(records.stream().filter(r -> r.sourceOffset().get(SourceOffsets.OFFSET_KEY) != null))
                    .isNotEmpty();
            assertThat(logs.warningsAndErrors().stream().filter(l -> l.contains("Site drift")))
                    .containsExactly("WARN Site drift on 2026-11-17: 1 new site(s) in ShopperTrak's answer but not in"
                                    + " the all-sites list: zz lib. Update the all-sites list (ALL_SITES_S3_BUCKET/"
                                    + "ALL_SITES_S3_RESOURCE; on a Connect worker shoppertrak.sites) to match "
                                    + "ShopperTrak; each site is reported once",
                            "WARN Site drift on 2026-11-19: 1 site(s) of the all-sites list gone (absent from 3 "
                                    + "answers in a row): bb lib. Update the all-sites list (ALL_SITES_S3_BUCKET/"
                                    + "ALL_SITES_S3_RESOURCE; on a Connect worker shoppertrak.sites) to match "
                                    + "ShopperTrak; each site is reported once");
            assertThat(gauge(registry, metrics, "sites-new")).isEqualTo(1L);
            assertThat(gauge(registry, metrics, "sites-gone")).isEqualTo(1L);
            metrics.close();
            records.forEach(r -> committed.put(r.sourcePartition(), r.sourceOffset()));
        }

        try (Metrics registry = new Metrics(); LogCapture logs = LogCapture.start()) {
            PluginMetricsImpl metrics = new PluginMetricsImpl(registry, TAGS);
            ShopperTrakSourceTask task = task(at(2026, 11, 21), committed, metrics);
            assertThat(gauge(registry, metrics, "sites-new")).as("read back before any poll").isEqualTo(1L);
            List<SourceRecord> records = drain(task);
            task.stop();

            assertThat(records).extracting(r -> (Object) r.sourceOffset().get(SourceOffsets.OFFSET_KEY))
                    .contains((Object) "2026-11-20");
            assertThat(logs.warningsAndErrors()).noneMatch(l -> l.contains("Site drift"));
            assertThat(gauge(registry, metrics, "sites-new")).isEqualTo(1L);
            assertThat(gauge(registry, metrics, "sites-gone")).isEqualTo(1L);
        }
    }

    private ShopperTrakSourceTask task(ZonedDateTime now, Map<Map<String, ?>, Map<String, ?>> committed,
                                       PluginMetrics metrics) {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> SimpleServices.of(api)
                .withSites(List.of("aa lib", "bb lib")), Clock.fixed(now.toInstant(), ZoneOffset.UTC));
        task.initialize(context(committed, metrics));
        task.start(ShopperTrakSourceTaskTest.props("2026-11-16", Map.of()));
        return task;
    }

    private static Object gauge(Metrics registry, PluginMetricsImpl metrics, String name) {
        MetricName key = metrics.metricName(name, "", new LinkedHashMap<>());
        return registry.metric(key).metricValue();
    }

    private static List<SourceRecord> drain(ShopperTrakSourceTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        for (int i = 0; i < 50 && task.progress().status() != PollProgress.Status.CAUGHT_UP; i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                all.addAll(batch);
            }
        }
        return all;
    }

    private static ZonedDateTime at(int y, int m, int d) {
        return ZonedDateTime.of(y, m, d, 12, 0, 0, 0, SourceConfig.ZONE);
    }

    private static TrafficRow row(LocalDate day, String site) {
        return new TrafficRow(site, 1, day + "T09:00:00", 4, 3, true);
    }

    private static SourceTaskContext context(Map<Map<String, ?>, Map<String, ?>> committed, PluginMetrics metrics) {
        return TaskContexts.of(committed, metrics);
    }
}
