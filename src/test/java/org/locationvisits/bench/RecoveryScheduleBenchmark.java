package org.locationvisits.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.testsupport.TaskContexts;
import org.locationvisits.config.LogLevel;
import org.locationvisits.config.Setting;
import org.locationvisits.recovery.RecoverySchedule;
import org.locationvisits.shoppertrak.simulator.CorrectionDelays;
import org.locationvisits.shoppertrak.simulator.Faults;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.ConfiguredServices;
import org.locationvisits.source.PollProgress;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceConfig;

/**
 * RECOVERY_SCHEDULE=daily against backoff on the same simulated weeks: the source task (no warehouse: its own memory,
 * kept in the offsets a worker would commit) runs once a simulated New York day at noon, polls yesterday and runs
 * its recovery pass, against the simulator, whose {@code site/{id}} answers turn corrected a seeded geometric number of
 * days after their day, never for the sites broken for good. Every record counts as delivered. Reports the ShopperTrak
 * calls (daily poll and recovery), the rows recovered, and how many days after its day each recovered row arrived and
 * after its correction was there to fetch. Run through
 * {@code scripts/benchmark recovery schedule [sites] [days] [mean correction delay] [broken sites] [seed]}.
 */
public final class RecoveryScheduleBenchmark {
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-08-01");

    private RecoveryScheduleBenchmark() {
    }

    /** What one schedule did. */
    private record Outcome(int dailyCalls, int recoveryCalls, List<Integer> ages, List<Integer> lags,
                           int rowsOfDaysCorrected) { }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double meanDelay = args.length > 2 ? Double.parseDouble(args[2]) : 4;
        int broken = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        LogLevel.apply("error");
        System.out.printf("%d sites (%d broken for good), %d days polled from %s, corrections after a geometric "
                + "draw of mean %.1f day(s), seed %d%n", sites, broken, days, FIRST_DAY, meanDelay, seed);
        Map<RecoverySchedule, Outcome> outcomes = new java.util.LinkedHashMap<>();
        for (RecoverySchedule schedule : RecoverySchedule.values()) {
            long started = System.nanoTime();
            outcomes.put(schedule, run(schedule, sites, days, meanDelay, broken, seed));
            System.out.printf("%s: %.1f s%n", schedule.text(), (System.nanoTime() - started) / 1e9);
        }
        System.out.println();
        System.out.println("| schedule | calls: daily poll | calls: recovery | rows recovered | rows per recovery call "
                + "| days after its day: mean / p50 / p90 | days after its correction: mean / p50 / p90 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        outcomes.forEach((schedule, o) -> System.out.printf("| %s | %d | %d | %d | %.1f | %s | %s |%n",
                schedule.text(), o.dailyCalls(), o.recoveryCalls(), o.ages().size(),
                o.recoveryCalls() == 0 ? 0.0 : o.ages().size() / (double) o.recoveryCalls(), stats(o.ages()),
                stats(o.lags())));
        Outcome daily = outcomes.get(RecoverySchedule.DAILY);
        Outcome backoff = outcomes.get(RecoverySchedule.BACKOFF);
        System.out.printf("%nbackoff spends %.0f %% of daily's recovery calls and recovers %.1f %% of its rows "
                        + "(unhealthy rows ShopperTrak corrected within reach of the run: %d)%n",
                100.0 * backoff.recoveryCalls() / daily.recoveryCalls(),
                100.0 * backoff.ages().size() / daily.ages().size(), daily.rowsOfDaysCorrected());
    }

    private static Outcome run(RecoverySchedule schedule, int sites, int days, double meanDelay, int broken,
                               long seed) throws Exception {
        AtomicReference<LocalDate> today = new AtomicReference<>(FIRST_DAY);
        List<String> ids;
        try (ShopperTrakSimulator probe = ShopperTrakSimulator.builder().sites(sites).seed(seed).build()) {
            ids = probe.traffic().siteIds();
        }
        CorrectionDelays delays = new CorrectionDelays(seed, meanDelay, Set.copyOf(ids.subList(0, broken)),
                today::get);
        List<Integer> ages = new ArrayList<>();
        List<Integer> lags = new ArrayList<>();
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(sites).seed(seed)
                .faults(new Faults().correctionDelays(delays)).start()) {
            Map<String, String> props = new HashMap<>();
            props.put(SourceConfig.BASE_URL_CONFIG, simulator.baseUrl());
            props.put(SourceConfig.USERNAME_CONFIG, simulator.username());
            props.put(SourceConfig.PASSWORD_CONFIG, simulator.password());
            props.put(SourceConfig.INITIAL_DATE_CONFIG, FIRST_DAY.minusDays(1).toString());
            props.put(Setting.SITES.sourceKey().orElseThrow(), String.join(",", ids));
            props.put(Setting.RECOVERY_SCHEDULE.sourceKey().orElseThrow(), schedule.text());
            Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
            for (int d = 1; d <= days; d++) {
                LocalDate pollDate = FIRST_DAY.plusDays(d);
                today.set(pollDate);
                Clock noon = Clock.fixed(pollDate.atTime(12, 0).atZone(SourceConfig.ZONE).toInstant(),
                        ZoneOffset.UTC);
                PollProgress progress = new PollProgress();
                ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> new ConfiguredServices(
                        config, sleeper, () -> {
                            throw new IllegalStateException("no S3 in this benchmark");
                        }, RecordGeneration.FIRST), noon, progress);
                task.initialize(context(committed));
                task.start(props);
                for (SourceRecord r : drain(task, progress)) {
                    committed.put(r.sourcePartition(), r.sourceOffset());
                    Struct value = (Struct) r.value();
                    if (value.getBoolean("is_recovery_data")) {
                        LocalDate day = LocalDate.parse(value.getString("increment_start").substring(0, 10));
                        String site = value.getString("shoppertrak_site_id");
                        ages.add((int) ChronoUnit.DAYS.between(day, pollDate));
                        lags.add((int) ChronoUnit.DAYS.between(day.plusDays(delays.delay(day, site)), pollDate));
                    }
                }
                task.stop();
            }
            int dailyCalls = (int) simulator.requestLog().requests().stream()
                    .filter(r -> r.endpoint().equals("allsites")).count();
            int corrected = 0;
            for (int d = 0; d < days; d++) {
                LocalDate day = FIRST_DAY.plusDays(d);
                for (String site : ids) {
                    int delay = delays.delay(day, site);
                    // In reach: corrected within the 30-day window, and by the last run (a pass covers the day before yesterday).
                    if (delay <= 30 && day.plusDays(Math.max(delay, 2)).isBefore(FIRST_DAY.plusDays(days + 1))) {
                        corrected += (int) simulator.traffic().expectedRows(day, site).stream()
                                .filter(row -> !row.healthy()).count();
                    }
                }
            }
            return new Outcome(dailyCalls, simulator.requestLog().count() - dailyCalls, ages, lags, corrected);
        }
    }

    private static String stats(List<Integer> values) {
        if (values.isEmpty()) {
            return "-";
        }
        List<Integer> sorted = values.stream().sorted().toList();
        double mean = sorted.stream().mapToInt(Integer::intValue).average().orElseThrow();
        return String.format("%.1f / %d / %d", mean, percentile(sorted, 50), percentile(sorted, 90));
    }

    private static int percentile(List<Integer> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static List<SourceRecord> drain(ShopperTrakSourceTask task, PollProgress progress)
            throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        for (int i = 0; i < 100_000 && progress.status() != PollProgress.Status.CAUGHT_UP
                && progress.status() != PollProgress.Status.WAITING_AFTER_FAILURE; i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                all.addAll(batch);
            }
        }
        if (progress.status() != PollProgress.Status.CAUGHT_UP) {
            throw new IllegalStateException("the task did not catch up: " + progress.status());
        }
        return all;
    }

    /** A worker's offsets: each partition's last committed offset. */
    private static SourceTaskContext context(Map<Map<String, ?>, Map<String, ?>> committed) {
        return TaskContexts.of(committed);
    }
}
