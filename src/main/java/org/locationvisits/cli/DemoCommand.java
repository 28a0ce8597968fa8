package org.locationvisits.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.apache.avro.generic.GenericRecord;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.SourceConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The quick start: the main job end to end on local stand-ins (the ShopperTrak simulator, kinesis-local,
 * s3rver), over the last three days, then once more to show that nothing is fetched twice.
 */
@Command(name = "demo", description = "run the main job end to end on local stand-ins")
final class DemoCommand implements Callable<Integer> {
    private static final int DAYS = 3;
    private static final int SITES = 10;
    @Mixin
    private HelpOption help;
    private final Context context;

    DemoCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintStream out = context.out();
        LocalDate yesterday = LocalDate.now(context.clock().withZone(SourceConfig.ZONE)).minusDays(1);
        String bucket = "location-visits-demo";
        String stateKey = "location_visits_poller_cache.json";
        String stream = "LocationVisits-demo-" + UUID.randomUUID().toString().substring(0, 8);
        out.println("Starting the ShopperTrak simulator, kinesis-local and s3rver on 127.0.0.1 ...");
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(SITES).start();
             KinesisLocal kinesis = KinesisLocal.start();
             S3rver s3rver = S3rver.start();
             S3Client s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID,
                     S3rver.SECRET_ACCESS_KEY)) {
            kinesis.createStream(stream, 2);
            s3rver.createBucket(bucket);
            Map<String, String> env = new HashMap<>();
            env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
            env.put("SHOPPERTRAK_USERNAME", simulator.username());
            env.put("SHOPPERTRAK_PASSWORD", simulator.password());
            env.put("S3_BUCKET", bucket);
            env.put("S3_RESOURCE", stateKey);
            env.put("KINESIS_STREAM_ARN", stream);
            env.put("LAST_POLL_DATE", yesterday.minusDays(DAYS).toString());
            RunnerSettings settings = RunnerSettings.from(env);
            Wiring.Aws aws = Wiring.Aws.of(s3, kinesis.client());

            out.printf("%nRun 1: LAST_POLL_DATE=%s, no state in s3://%s/%s yet%n",
                    settings.lastPollDate().orElseThrow(), bucket, stateKey);
            RunSummary first = Wiring.runner(settings, aws).run();
            report(kinesis.readAll(stream), s3, bucket, stateKey, simulator, out);

            out.printf("%nRun 2: the same job again%n");
            simulator.requestLog().clear();
            RunSummary second = Wiring.runner(settings, aws).run();
            out.printf("ShopperTrak API calls in run 2: %d for days (every day is already delivered), %d for "
                    + "recovery (site-days sent with unhealthy increments are asked again, for 30 days)%n",
                    second.apiCalls(), second.recovery().apiCalls());
            return Math.max(first.exitCode(), second.exitCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(List<KinesisEntry> arrived, S3Client s3, String bucket, String key,
                               ShopperTrakSimulator simulator, PrintStream out) {
        AvroJson json = new AvroJson(LocationVisitsSchemas.bundled());
        Map<String, Integer> rowsPerDay = new TreeMap<>();
        for (KinesisEntry entry : arrived) {
            GenericRecord record = json.decode(entry.data());
            String day = record.get("increment_start").toString().substring(0, 10);
            rowsPerDay.merge(day, 1, Integer::sum);
        }
        out.printf("In the Kinesis stream: %d records%n", arrived.size());
        rowsPerDay.forEach((day, rows) -> out.printf("  %s  %6d rows%n", day, rows));
        out.printf("ShopperTrak API calls: %d%n", simulator.requestLog().count());
        out.printf("Stored offset s3://%s/%s: last_poll_date=%s%n", bucket, key,
                new S3OffsetStore(s3, bucket, key).read().map(LocalDate::toString).orElse("(none)"));
    }
}
