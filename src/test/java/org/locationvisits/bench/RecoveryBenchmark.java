package org.locationvisits.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationvisits.common.AwsClients;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.warehouse.WarehouseTables;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One daily run of the main job whose 30-day recovery window holds {@code unhealthy} unhealthy and {@code missing}
 * missing site-days: the simulator (90 sites, late corrections), a real PostgreSQL as the warehouse, s3rver for the
 * state and the all-sites list, the limits-faithful Kinesis fake (8 shards). Reports the run's time, its
 * ShopperTrak calls (daily and recovery) and what recovery did. Today is fixed at 2026-11-21 in New York.
 * Run through {@code scripts/benchmark recovery [unhealthy] [missing] [sites]}.
 */
public final class RecoveryBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z");
    private static final LocalDate YESTERDAY = LocalDate.parse("2026-11-20");

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int unhealthy = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int missing = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int sites = args.length > 2 ? Integer.parseInt(args[2]) : 90;
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(sites).lateCorrections(true).start();
             EmbeddedPostgres pg = WarehouseTables.startPostgres();
             S3rver s3rver = S3rver.start();
             S3Client s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID,
                     S3rver.SECRET_ACCESS_KEY);
             LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("recovery-bench", 8)) {
            s3rver.createBucket("bench");
            LocalDate stored = YESTERDAY.minusDays(1);
            s3.putObject(b -> b.bucket("bench").key("state.json"),
                    RequestBody.fromString("{\"last_poll_date\": \"" + stored + "\"}"));
            List<String> ids = simulator.traffic().siteIds();
            s3.putObject(b -> b.bucket("bench").key("sites.json"),
                    RequestBody.fromString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ids)));
            WarehouseTables warehouse = WarehouseTables.create(pg, "production");
            int[] unhealthyRows = fillWarehouse(warehouse, simulator, ids, stored, unhealthy, missing);

            Map<String, String> env = new HashMap<>();
            env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
            env.put("SHOPPERTRAK_USERNAME", simulator.username());
            env.put("SHOPPERTRAK_PASSWORD", simulator.password());
            env.put("S3_BUCKET", "bench");
            env.put("S3_RESOURCE", "state.json");
            env.put("ALL_SITES_S3_BUCKET", "bench");
            env.put("ALL_SITES_S3_RESOURCE", "sites.json");
            env.put("KINESIS_STREAM_ARN", kinesis.streamArn());
            env.put("LOCATION_VISITS_SCHEMA_URL", "bundled:current");
            env.put("REDSHIFT_DB_HOST", "127.0.0.1");
            env.put("REDSHIFT_DB_PORT", Integer.toString(pg.getPort()));
            env.put("REDSHIFT_DB_NAME", "production");
            env.put("REDSHIFT_DB_USER", "postgres");
            env.put("REDSHIFT_DB_PASSWORD", WarehouseTables.PASSWORD);
            env.put("REDSHIFT_DB_SSLMODE", "disable");
            int before = simulator.requestLog().count();
            long started = System.nanoTime();
            RunSummary summary = Wiring.runner(RunnerSettings.from(env), Wiring.Aws.of(s3, kinesis.client()),
                    Clock.fixed(NOW, ZoneOffset.UTC)).run();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%d sites, window %s..%s with %d unhealthy (%d unhealthy rows) and %d missing site-days:"
                            + "%n  run %.1f s, exit %d; ShopperTrak calls %d (daily %d, recovery %d); recovery: %d "
                            + "site-days re-queried, %d rows recovered, %d rows marked stale; %d records in Kinesis%n",
                    sites, YESTERDAY.minusDays(29), stored, unhealthy, unhealthyRows[0], missing, seconds,
                    summary.exitCode(), simulator.requestLog().count() - before, summary.apiCalls(),
                    summary.recovery().apiCalls(), summary.recovery().siteDaysRequeried(),
                    summary.recovery().rowsRecovered(), summary.recovery().rowsMarkedStale(),
                    kinesis.stats().acceptedRecords());
        }
    }

    /**
     * One healthy row for every site-day of the window but the missing ones; the unhealthy site-days hold the
     * simulator's first answer (which marks them served, so re-queries come back corrected).
     */
    private static int[] fillWarehouse(WarehouseTables warehouse, ShopperTrakSimulator simulator, List<String> ids,
                                       LocalDate stored, int unhealthy, int missing) {
        ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                simulator.username(), simulator.password()), Sleeper.SYSTEM);
        List<Visit> visits = new ArrayList<>();
        long id = 1;
        int k = 0;
        int unhealthyRows = 0;
        for (LocalDate day = YESTERDAY.minusDays(29); !day.isAfter(stored); day = day.plusDays(1)) {
            for (String site : ids) {
                int n = k++;
                if (n % 7 == 3 && n / 7 < missing) {
                    continue;
                }
                if (n % 7 == 1 && n / 7 < unhealthy) {
                    for (TrafficRow row : ((DayResult.Rows) client.site(day, site)).rows()) {
                        java.time.LocalDateTime start = java.time.LocalDateTime.parse(row.incrementStart());
                        visits.add(row.healthy() ? Visit.healthy(id++, site, start, row.enters(), row.exits())
                                .orbit(row.orbit()) : Visit.unhealthy(id++, site, start).orbit(row.orbit()));
                        unhealthyRows += row.healthy() ? 0 : 1;
                    }
                    continue;
                }
                visits.add(Visit.healthy(id++, site, day.atTime(12, 0), 5, 5));
            }
        }
        warehouse.visits(visits.toArray(new Visit[0]));
        return new int[] {unhealthyRows};
    }
}
