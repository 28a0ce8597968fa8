package org.locationvisits.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.warehouse.WarehouseTables;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The API calls of a 30-day recovery with and without the warehouse, on the same data: 30 days polled by the main
 * job (its own memory kept beside the state object), the warehouse then loaded with exactly what reached the
 * stream, and a recovery pass planned once from the memory and once from the warehouse, both as dry runs so that
 * neither changes what the other sees. Run through {@code scripts/benchmark compare [sites] [missing sites]}.
 */
public final class RecoveryComparisonBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");

    private RecoveryComparisonBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int missingSites = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (ShopperTrakSimulator probe = ShopperTrakSimulator.builder().sites(sites).build()) {
            List<String> ids = probe.traffic().siteIds();
            List<String> missing = ids.subList(0, missingSites);
            try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(sites).missingSites(missing)
                    .start();
                 EmbeddedPostgres pg = WarehouseTables.startPostgres();
                 S3rver s3rver = S3rver.start();
                 S3Client s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID,
                         S3rver.SECRET_ACCESS_KEY);
                 LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("compare", 8)) {
                s3rver.createBucket("bench");
                s3.putObject(b -> b.bucket("bench").key("sites.json"), RequestBody.fromString(
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ids)));
                Map<String, String> env = new HashMap<>();
                env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
                env.put("SHOPPERTRAK_USERNAME", simulator.username());
                env.put("SHOPPERTRAK_PASSWORD", simulator.password());
                env.put("S3_BUCKET", "bench");
                env.put("S3_RESOURCE", "state.json");
                env.put("ALL_SITES_S3_BUCKET", "bench");
                env.put("ALL_SITES_S3_RESOURCE", "sites.json");
                env.put("KINESIS_STREAM_ARN", kinesis.streamArn());
                env.put("LAST_POLL_DATE", "2026-10-20");
                env.put("LOG_LEVEL", "warning");
                long started = System.nanoTime();
                run(env, kinesis, s3, "2026-11-21T12:00:00Z");
                System.out.printf("30 days of %d sites (%d missing from every allsites answer) polled in %.1f s: "
                        + "%d records%n", sites, missingSites, (System.nanoTime() - started) / 1e9,
                        kinesis.stats().acceptedRecords());

                WarehouseTables warehouse = WarehouseTables.create(pg, "production");
                warehouse.visits(visitsFrom(kinesis).toArray(new Visit[0]));
                env.put("IGNORE_KINESIS", "true");
                int before = simulator.requestLog().count();
                started = System.nanoTime();
                RunSummary memory = run(env, kinesis, s3, NOW.toString());
                report("without a warehouse (the task's memory)", memory, simulator.requestLog().count() - before,
                        started);
                env.put("REDSHIFT_DB_HOST", "127.0.0.1");
                env.put("REDSHIFT_DB_PORT", Integer.toString(pg.getPort()));
                env.put("REDSHIFT_DB_NAME", "production");
                env.put("REDSHIFT_DB_USER", "postgres");
                env.put("REDSHIFT_DB_PASSWORD", WarehouseTables.PASSWORD);
                env.put("REDSHIFT_DB_SSLMODE", "disable");
                before = simulator.requestLog().count();
                started = System.nanoTime();
                RunSummary fromWarehouse = run(env, kinesis, s3, NOW.toString());
                report("with the warehouse", fromWarehouse, simulator.requestLog().count() - before, started);
            }
        }
    }

    private static RunSummary run(Map<String, String> env, LimitsFaithfulKinesis kinesis, S3Client s3, String now) {
        return Wiring.runner(RunnerSettings.from(env), Wiring.Aws.of(s3, kinesis.client()),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).run();
    }

    private static void report(String how, RunSummary summary, int calls, long started) {
        System.out.printf("Recovery %s: %d site-days re-queried, %d ShopperTrak calls, %d rows to send, %.1f s "
                        + "(exit %d)%n", how, summary.recovery().siteDaysRequeried(), calls,
                summary.recovery().rowsRecovered(), (System.nanoTime() - started) / 1e9, summary.exitCode());
    }

    /** What the stream received, as the warehouse holds it. */
    private static List<Visit> visitsFrom(LimitsFaithfulKinesis kinesis) throws Exception {
        var reader = new GenericDatumReader<GenericRecord>(LocationVisitsSchemas.bundled());
        List<Visit> visits = new ArrayList<>();
        long id = 1;
        for (LimitsFaithfulKinesis.StoredRecord stored : kinesis.records()) {
            GenericRecord r = reader.read(null, DecoderFactory.get().binaryDecoder(stored.data(), null));
            LocalDateTime start = LocalDateTime.parse(r.get("increment_start").toString());
            Integer orbit = (Integer) r.get("orbit");
            String site = r.get("shoppertrak_site_id").toString();
            visits.add(((Boolean) r.get("is_healthy_orbit") ? Visit.healthy(id++, site, start,
                    r.get("enters") == null ? 0 : (Integer) r.get("enters"),
                    r.get("exits") == null ? 0 : (Integer) r.get("exits")) : Visit.unhealthy(id++, site, start))
                    .orbit(orbit));
        }
        return visits;
    }
}
