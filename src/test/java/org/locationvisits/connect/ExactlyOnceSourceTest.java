package org.locationvisits.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.connect.ConnectFixtures.awaitOffset;
import static org.locationvisits.connect.ConnectFixtures.assertMainJobEntries;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.SourceConfig;

/**
 * The source connector with exactly-once support (KIP-618) on a distributed worker: each day's rows and that
 * day's offset are one transaction, so task restarts in the middle of a day leave no duplicate for a
 * read_committed consumer. The test holds one day's request at a gate, so the restart provably lands inside it.
 */
class ExactlyOnceSourceTest {
    private static final LocalDate DAY0 = LocalDate.of(2024, 3, 10);
    private static final LocalDate LAST = DAY0.plusDays(4);

    private static ShopperTrakSimulator simulator;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startStack() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(5).start();
        connect = new EmbeddedConnectCluster.Builder()
                .name("location-visits-eos")
                .numWorkers(1)
                .workerProps(new HashMap<>(Map.of("exactly.once.source.support", "enabled")))
                .brokerProps(singleBrokerTransactions())
                .build();
        connect.start();
    }

    /** One broker: the transaction state log cannot have the default three replicas. */
    private static Properties singleBrokerTransactions() {
        Properties props = new Properties();
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        return props;
    }

    @AfterAll
    static void stopStack() {
        if (connect != null) {
            connect.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void taskRestartInTheMiddleOfADayLeavesNoDuplicateAndNothingMissing() throws Exception {
        String topic = "visits-eos";
        connect.kafka().createTopic(topic, 1);
        LocalDate startedOn = LocalDate.now(SourceConfig.ZONE);
        LocalDate held = DAY0.plusDays(2);
        try (ShopperTrakGate gate = ShopperTrakGate.holding(simulator.baseUrl(), held)) {
            Map<String, String> config = ConnectFixtures.source(simulator, topic, DAY0, LAST);
            config.put(SourceConfig.BASE_URL_CONFIG, gate.baseUrl());
            config.put("exactly.once.support", "required");
            config.put("transaction.boundary", "connector");

            connect.configureConnector("eos-source", config);
            // The task has committed the first day and is now inside the second: its request is held.
            gate.awaitRequestForHeldDay();
            awaitOffset(connect, "eos-source", held.minusDays(1));
            connect.restartTask("eos-source", 0);
            // The restarted task asks for the same day again: the restart landed inside that day.
            gate.awaitRequestForHeldDay();
            gate.open();
            awaitOffset(connect, "eos-source", LAST);
        }

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        connect.kafka().consumeAll(30_000, Map.of(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), topic).forEach(records::add);
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(keys.add(new String(record.key(), StandardCharsets.UTF_8))).as("duplicate key").isTrue();
        }
        assertMainJobEntries(asEntries(topic, records), simulator, DAY0.plusDays(1), LAST, startedOn);
        connect.deleteConnector("eos-source");
    }

    /** The topic's records as the sink would send them: JSON struct → LocationVisit → schemaless Avro. */
    private static List<String> asEntries(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
        List<KinesisEntry> entries = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            LocationVisit visit = LocationVisitsConnect.fromStruct(
                    (Struct) json.toConnectData(topic, record.value()).value());
            entries.add(new KinesisEntry(new String(record.key(), StandardCharsets.UTF_8), encoder.encode(visit)));
        }
        return ConnectFixtures.hex(entries);
    }
}
