package org.locationvisits.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

/**
 * Backfills {@code days} days from the simulator ({@code sites} sites) into the limits-faithful Kinesis fake,
 * once per shard count, by running the real runner jar in its own JVM (so its RSS is its own), with its
 * offset in s3rver. Reports rows/s, the ratio to the fake's capacity (1,000 records/s per shard),
 * ShopperTrak API calls per day and the runner's peak RSS (VmHWM).
 * Run through {@code scripts/benchmark backfill [--shards 2,8] [--latency-ms 0] [--days 30] [--sites 90]}: every
 * shard count at every per-call latency of the fake (real time, spent before the fake counts a call's records);
 * {@code --days} is one number or one per shard count (slow small streams need fewer days). The old positional
 * form {@code [days] [sites] [shards,...]} still works. {@code RUNNER_HEAP=128m} sets the runner's -Xmx (default 256m).
 */
public final class BackfillBenchmark {
    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int[] shardCounts = ints(options.getOrDefault("shards", "2,8"));
        int[] latencies = ints(options.getOrDefault("latency-ms", "0"));
        int[] dayCounts = ints(options.getOrDefault("days", "30"));
        int sites = Integer.parseInt(options.getOrDefault("sites", "90"));
        Path jar = Path.of("target", "location-visits-poller.jar").toAbsolutePath();
        LocalDate first = LocalDate.parse("2024-01-01");
        List<String> table = new ArrayList<>(List.of("| shards | latency/call | days | rows | rows/s | ratio (whole run)"
                + " | ratio (sustained at fake) | throttled | lost |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(sites).start();
             S3rver s3 = S3rver.start()) {
            s3.createBucket("bench");
            for (int i = 0; i < shardCounts.length; i++) {
                int days = dayCounts[Math.min(i, dayCounts.length - 1)];
                for (int latency : latencies) {
                    table.add(run(jar, simulator, s3, shardCounts[i], latency, first, days));
                }
            }
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    /** One backfill; prints its line and returns its row of the summary table. */
    private static String run(Path jar, ShopperTrakSimulator simulator, S3rver s3, int shards, int latency,
                              LocalDate first, int days) throws Exception {
        simulator.requestLog().clear();
        String run = shards + "-" + latency;
        try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("bench-" + run, shards)) {
            kinesis.gate().latency(Duration.ofMillis(latency));
            Map<String, String> env = Map.ofEntries(
                    Map.entry("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl()),
                    Map.entry("SHOPPERTRAK_USERNAME", simulator.username()),
                    Map.entry("SHOPPERTRAK_PASSWORD", simulator.password()),
                    Map.entry("S3_BUCKET", "bench"),
                    Map.entry("S3_RESOURCE", "state-" + run + ".json"),
                    Map.entry("KINESIS_STREAM_ARN", kinesis.streamArn()),
                    Map.entry("LAST_POLL_DATE", first.minusDays(1).toString()),
                    Map.entry("LAST_END_DATE", first.plusDays(days - 1L).toString()),
                    Map.entry("AWS_REGION", LimitsFaithfulKinesis.REGION),
                    Map.entry("AWS_ENDPOINT_URL_KINESIS", kinesis.endpoint().toString()),
                    Map.entry("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()),
                    Map.entry("AWS_ACCESS_KEY_ID", S3rver.ACCESS_KEY_ID),
                    Map.entry("AWS_SECRET_ACCESS_KEY", S3rver.SECRET_ACCESS_KEY),
                    Map.entry("LOG_LEVEL", System.getProperty("runner.logLevel", "warning")));
            Result result = runRunner(jar, env);
            LimitsFaithfulKinesis.Stats stats = kinesis.stats();
            double rowsPerSecond = stats.acceptedRecords() / result.seconds();
            double capacity = shards * 1000.0;
            long lost = expectedRows(simulator, first, days) - distinctKeys(kinesis);
            System.out.printf("%d shard(s), %d ms/call: %,d rows in %.1f s (runner exit %d) = %,.0f rows/s, "
                            + "%.1f%% of capacity (%,.0f records/s); sustained at the fake %,.0f rows/s; "
                            + "throttled entries %d; lost %d; API calls/day %.2f; runner peak RSS %.0f MB%n",
                    shards, latency, stats.acceptedRecords(), result.seconds(), result.exitCode(), rowsPerSecond,
                    100 * rowsPerSecond / capacity, capacity, stats.acceptedPerSecond(), stats.throttledEntries(),
                    lost, simulator.requestLog().count() / (double) days, result.peakRssKb() / 1024.0);
            return String.format("| %d | %d ms | %d | %,d | %,.0f | %.3f | %.3f | %d | %d |", shards, latency, days,
                    stats.acceptedRecords(), rowsPerSecond, rowsPerSecond / capacity,
                    stats.acceptedPerSecond() / capacity, stats.throttledEntries(), lost);
        }
    }

    /** Rows the simulator serves for the backfilled days; each has its own partition key. */
    private static long expectedRows(ShopperTrakSimulator simulator, LocalDate first, int days) {
        long rows = 0;
        for (int d = 0; d < days; d++) {
            rows += simulator.traffic().expectedRows(first.plusDays(d), null).size();
        }
        return rows;
    }

    private static long distinctKeys(LimitsFaithfulKinesis kinesis) {
        return kinesis.records().stream().map(LimitsFaithfulKinesis.StoredRecord::partitionKey).distinct().count();
    }

    /** {@code --name value} options; the old positional form is {@code [days] [sites] [shards,...]}. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        String[] positional = {"days", "sites", "shards"};
        int next = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (next < positional.length) {
                options.put(positional[next++], args[i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        return options;
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private record Result(int exitCode, double seconds, long peakRssKb) {
    }

    private static Result runRunner(Path jar, Map<String, String> env) throws Exception {
        String heap = System.getProperty("runner.heap", "256m");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
        String jvmArgs = System.getProperty("runner.jvmArgs", "").trim(); // e.g. a flight recording of the runner
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, vmHwmKb(status));
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(process.waitFor(), seconds, peak);
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception processGone) {
            // the runner exited between isAlive() and the read
        }
        return 0;
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
