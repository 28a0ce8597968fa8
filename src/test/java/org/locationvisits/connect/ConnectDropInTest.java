package org.locationvisits.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.connect.ConnectFixtures.await;
import static org.locationvisits.connect.ConnectFixtures.awaitOffset;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.common.Sleeper;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.sink.KinesisSinkConfig;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.DropInConfig;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.warehouse.WarehouseTables;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The drop-in behaviours on a real Connect worker: today's v2 base URL, current-generation records, a listed bad
 * poll date skipped, and recovery from the warehouse after the daily poll, which never moves the committed offset
 * and marks replaced rows stale once the recovered ones are in Kafka. "Now" is fixed at 2026-11-21 12:00 in New
 * York through the task's clock property, so nothing depends on today's date.
 */
class ConnectDropInTest {
    private static final String NOW = "2026-11-21T17:00:00Z";
    private static final LocalDate STORED = LocalDate.parse("2026-11-18");
    private static final LocalDate BAD_DAY = LocalDate.parse("2026-11-19");
    private static final LocalDate YESTERDAY = LocalDate.parse("2026-11-20");
    private static final LocalDate UNHEALTHY_DAY = LocalDate.parse("2026-11-17");

    private static ShopperTrakSimulator simulator;
    private static KinesisLocal kinesis;
    private static EmbeddedPostgres pg;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startStack() throws Exception {
        ConnectFixtures.useLocalAwsCredentials();
        System.setProperty(ShopperTrakSourceTask.CLOCK_PROPERTY, NOW);
        simulator = ShopperTrakSimulator.builder().sites(3).lateCorrections(true).start();
        kinesis = KinesisLocal.start();
        pg = WarehouseTables.startPostgres();
        connect = new EmbeddedConnectCluster.Builder().name("drop-in-connect").numWorkers(1)
                .workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "500"))).build();
        connect.start();
    }

    @AfterAll
    static void stopStack() throws Exception {
        System.clearProperty(ShopperTrakSourceTask.CLOCK_PROPERTY);
        if (connect != null) {
            connect.stop();
        }
        if (pg != null) {
            pg.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void recoversUnhealthySiteDaysWithoutMovingTheOffsetAndSendsTheCurrentGeneration() throws Exception {
        String site = simulator.traffic().siteIds().get(1);
        WarehouseTables production = WarehouseTables.create(pg, "production");
        List<Long> unhealthyIds = new ArrayList<>();
        long id = 1;
        List<Visit> visits = new ArrayList<>();
        for (TrafficRow row : firstAnswer(site, UNHEALTHY_DAY)) {
            LocalDateTime start = LocalDateTime.parse(row.incrementStart());
            if (row.healthy()) {
                visits.add(Visit.healthy(id++, site, start, row.enters(), row.exits()).orbit(row.orbit()));
            } else {
                unhealthyIds.add(id);
                visits.add(Visit.unhealthy(id++, site, start).orbit(row.orbit()));
            }
        }
        production.visits(visits.toArray(new Visit[0]));
        assertThat(unhealthyIds).isNotEmpty();
        simulator.faults().busy(2); // BAD_DAY's allsites stays busy for both attempts
        String stream = "drop-in";
        kinesis.createStream(stream, 1);
        connect.kafka().createTopic("drop-in", 1);

        Map<String, String> source = ConnectFixtures.source(simulator, "drop-in", STORED, YESTERDAY);
        source.put(SourceConfig.BASE_URL_CONFIG, simulator.baseUrl(ApiVersion.V2));
        source.put(SourceConfig.MAX_RETRIES_CONFIG, "2");
        source.put(SourceConfig.SCHEMA_URL_CONFIG, "bundled:current");
        source.put(DropInConfig.BAD_POLL_DATES_CONFIG, BAD_DAY.toString());
        source.put(DropInConfig.WAREHOUSE_HOST_CONFIG, "127.0.0.1");
        source.put(DropInConfig.WAREHOUSE_PORT_CONFIG, Integer.toString(pg.getPort()));
        source.put(DropInConfig.WAREHOUSE_DATABASE_CONFIG, "production");
        source.put(DropInConfig.WAREHOUSE_USER_CONFIG, "postgres");
        source.put(DropInConfig.WAREHOUSE_PASSWORD_CONFIG, WarehouseTables.PASSWORD);
        source.put(DropInConfig.WAREHOUSE_SSLMODE_CONFIG, "disable");
        Map<String, String> sink = ConnectFixtures.sink(kinesis, "drop-in", stream);
        sink.put(KinesisSinkConfig.SCHEMA_URL_CONFIG, "bundled:current");
        connect.configureConnector("drop-in-source", source);
        connect.configureConnector("drop-in-sink", sink);

        int daily = simulator.traffic().expectedRows(YESTERDAY, null).size();
        awaitOffset(connect, "drop-in-source", YESTERDAY);
        await("the replaced warehouse rows to be marked stale",
                () -> unhealthyIds.stream().noneMatch(production::isFresh));
        List<GenericRecord> sent = new ArrayList<>();
        await("the stream to hold the daily and the recovered rows", () -> {
            sent.clear();
            sent.addAll(decode(kinesis.readAll(stream)));
            return sent.size() >= daily + unhealthyIds.size();
        });

        assertThat(sent).hasSize(daily + unhealthyIds.size());
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.get("is_fresh")).isEqualTo(true);
            assertThat(r.get("poll_date")).hasToString("2026-11-21");
            assertThat(r.get("increment_start").toString()).doesNotContain("T");
        });
        assertThat(sent.stream().filter(r -> r.get("increment_start").toString().startsWith(UNHEALTHY_DAY.toString())))
                .hasSize(unhealthyIds.size())
                .allSatisfy(r -> assertThat(r.get("is_healthy_data")).isEqualTo(true));
        assertThat(ConnectFixtures.committedDay(connect, "drop-in-source")).isEqualTo(YESTERDAY);
        connect.deleteConnector("drop-in-source");
        connect.deleteConnector("drop-in-sink");
    }

    @Test
    void withoutAWarehouseATaskRestartRecoversFromItsOwnOffsets() throws Exception {
        try (ShopperTrakSimulator lacking = ShopperTrakSimulator.builder().sites(3).lateCorrections(true)
                .missingSites(List.of("ep 42nd st")).start()) {
            String stream = "memory";
            kinesis.createStream(stream, 1);
            connect.kafka().createTopic("memory", 1);
            Map<String, String> source = ConnectFixtures.source(lacking, "memory", STORED, YESTERDAY);
            source.remove(SourceConfig.END_DATE_CONFIG);
            source.put(DropInConfig.SITES_CONFIG, String.join(",", lacking.traffic().siteIds()));
            connect.configureConnector("memory-source", source);
            connect.configureConnector("memory-sink", ConnectFixtures.sink(kinesis, "memory", stream));
            awaitOffset(connect, "memory-source", YESTERDAY);
            assertThat(kinesis.readAll(stream)).noneSatisfy(e -> assertThat(e.partitionKey()).startsWith("ep 42nd st|"));
            // The task's plugin metrics (KIP-877), as an operator's JMX agent reads them from the worker.
            javax.management.ObjectName bean = new javax.management.ObjectName(
                    "kafka.connect:type=plugins,connector=memory-source,task=0");
            javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            await("the task's metrics", () -> jmx.isRegistered(bean));
            assertThat(((Number) jmx.getAttribute(bean, "days-behind")).longValue()).isZero();
            assertThat(((Number) jmx.getAttribute(bean, "days-emitted-total")).longValue()).isEqualTo(2);
            assertThat(((Number) jmx.getAttribute(bean, "rows-emitted-total")).longValue())
                    .isEqualTo(lacking.traffic().expectedRows(BAD_DAY, null).size()
                            + lacking.traffic().expectedRows(YESTERDAY, null).size());
            assertThat(((Number) jmx.getAttribute(bean, "shoppertrak-calls-total")).longValue()).isEqualTo(2);
            assertThat(((Number) jmx.getAttribute(bean, "last-day-healthy-share")).doubleValue()).isBetween(0.5, 1.0);
            javax.management.ObjectName sinkBean = new javax.management.ObjectName(
                    "kafka.connect:type=plugins,connector=memory-sink,task=0");
            int daily = lacking.traffic().expectedRows(BAD_DAY, null).size()
                    + lacking.traffic().expectedRows(YESTERDAY, null).size();
            await("the sink's metrics to count the days sent", () -> jmx.isRegistered(sinkBean)
                    && attribute(jmx, sinkBean, "records-sent-total") == daily);
            assertThat(((Number) jmx.getAttribute(sinkBean, "bytes-sent-total")).longValue()).isGreaterThan(daily * 20L);
            assertThat(((Number) jmx.getAttribute(sinkBean, "put-records-calls-total")).longValue()).isPositive();

            // A new task reads what the first one remembered (Kafka offsets) and recovers the missing site.
            int before = lacking.requestLog().count();
            connect.restartConnectorAndTasks("memory-source", false, true, false);
            int missingRows = lacking.traffic().expectedRows(BAD_DAY, "ep 42nd st").size()
                    + lacking.traffic().expectedRows(YESTERDAY, "ep 42nd st").size();
            await("the missing site's rows of both days on the stream", () -> kinesis.readAll(stream).stream()
                    .filter(e -> e.partitionKey().startsWith("ep 42nd st|")).count() == missingRows);
            assertThat(lacking.requestLog().count() - before).isGreaterThanOrEqualTo(2);
            // The memory rides in the allsites offset, committed by the worker with the rows it depends on.
            await("the task's memory of both days to hold no missing site", () -> connect.connectorOffsets(
                    "memory-source").offsets().stream().filter(o -> o.partition().containsKey("shoppertrak_endpoint"))
                    .map(o -> o.offset().get(org.locationvisits.recovery.RecoveryMemory.ALL_KEY))
                    .anyMatch(memory -> memory != null && noneMissing(memory.toString())));
            connect.deleteConnector("memory-source");
            connect.deleteConnector("memory-sink");
        }
    }

    private static boolean noneMissing(String stored) {
        org.locationvisits.recovery.RecoveryMemory memory = new org.locationvisits.recovery.RecoveryMemory();
        memory.restoreAll(stored);
        return memory.describe().stream().noneMatch(line -> line.endsWith(": missing"));
    }

    private static long attribute(javax.management.MBeanServer jmx, javax.management.ObjectName bean, String name) {
        try {
            return ((Number) jmx.getAttribute(bean, name)).longValue();
        } catch (javax.management.JMException e) {
            return -1;
        }
    }

    /** Marks the site-day served, so the simulator's later answers for it carry the late correction. */
    private static List<TrafficRow> firstAnswer(String site, LocalDate day) {
        ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                simulator.username(), simulator.password()), Sleeper.SYSTEM);
        return ((DayResult.Rows) client.site(day, site)).rows();
    }

    private static List<GenericRecord> decode(List<KinesisEntry> entries) {
        var reader = new GenericDatumReader<GenericRecord>(LocationVisitsSchemas.bundled(RecordGeneration.CURRENT));
        List<GenericRecord> records = new ArrayList<>();
        try {
            for (KinesisEntry entry : entries) {
                records.add(reader.read(null, DecoderFactory.get().binaryDecoder(entry.data(), null)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return records;
    }
}
