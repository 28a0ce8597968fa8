package org.locationvisits.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Run through {@code scripts/benchmark backfill [days] [sites] [shards,...]}; {@code RUNNER_HEAP=128m} sets the
 * runner's -Xmx (default 256m).
 */
public final class BackfillBenchmark {
    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int sites = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        String[] shardCounts = (args.length > 2 ? args[2] : "2,8").split(",");
        Path jar = Path.of("target", "location-visits-poller.jar").toAbsolutePath();
        LocalDate first = LocalDate.parse("2024-01-01");
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(sites).start();
             S3rver s3 = S3rver.start()) {
            s3.createBucket("bench");
            for (String shardText : shardCounts) {
                int shards = Integer.parseInt(shardText.trim());
                simulator.requestLog().clear();
                try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("bench-" + shards, shards)) {
                    Map<String, String> env = Map.ofEntries(
                            Map.entry("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl()),
                            Map.entry("SHOPPERTRAK_USERNAME", simulator.username()),
                            Map.entry("SHOPPERTRAK_PASSWORD", simulator.password()),
                            Map.entry("S3_BUCKET", "bench"),
                            Map.entry("S3_RESOURCE", "state-" + shards + ".json"),
                            Map.entry("KINESIS_STREAM_ARN", kinesis.streamArn()),
                            Map.entry("LAST_POLL_DATE", first.minusDays(1).toString()),
                            Map.entry("LAST_END_DATE", first.plusDays(days - 1L).toString()),
                            Map.entry("AWS_REGION", LimitsFaithfulKinesis.REGION),
                            Map.entry("AWS_ENDPOINT_URL_KINESIS", kinesis.endpoint().toString()),
                            Map.entry("AWS_ENDPOINT_URL_S3", s3.endpoint().toString()),
                            Map.entry("AWS_ACCESS_KEY_ID", S3rver.ACCESS_KEY_ID),
                            Map.entry("AWS_SECRET_ACCESS_KEY", S3rver.SECRET_ACCESS_KEY),
                            Map.entry("LOG_LEVEL", "warning"));
                    Result result = runRunner(jar, env);
                    LimitsFaithfulKinesis.Stats stats = kinesis.stats();
                    double rowsPerSecond = stats.acceptedRecords() / result.seconds();
                    System.out.printf("%d shard(s): %,d rows in %.1f s (runner exit %d) = %,.0f rows/s, "
                                    + "%.1f%% of capacity (%,d records/s); sustained at the fake %,.0f rows/s; "
                                    + "throttled entries %d; API calls/day %.2f; runner peak RSS %.0f MB%n",
                            shards, stats.acceptedRecords(), result.seconds(), result.exitCode(), rowsPerSecond,
                            100 * rowsPerSecond / (shards * 1000.0), shards * 1000, stats.acceptedPerSecond(),
                            stats.throttledEntries(), simulator.requestLog().count() / (double) days,
                            result.peakRssKb() / 1024.0);
                }
            }
        }
    }

    private record Result(int exitCode, double seconds, long peakRssKb) {
    }

    private static Result runRunner(Path jar, Map<String, String> env) throws Exception {
        String heap = System.getProperty("runner.heap", "256m");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-jar", jar.toString()));
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
