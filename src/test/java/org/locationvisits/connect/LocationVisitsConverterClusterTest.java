package org.locationvisits.connect;

import static org.locationvisits.connect.ConnectFixtures.assertMainJobEntries;
import static org.locationvisits.connect.ConnectFixtures.awaitOffset;
import static org.locationvisits.connect.ConnectFixtures.expectedEntries;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.avro.LocationVisitsConverter;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.SourceConfig;

/**
 * The source connector on a real (embedded) Connect worker with {@code value.converter} set to
 * {@link LocationVisitsConverter}: the topic then holds exactly the bytes the main job puts on Kinesis.
 */
@Timeout(180)
class LocationVisitsConverterClusterTest {
    private static final LocalDate DAY0 = LocalDate.of(2024, 2, 29);
    private static final LocalDate DAY2 = DAY0.plusDays(2);

    private static ShopperTrakSimulator simulator;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startStack() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(3).start();
        connect = new EmbeddedConnectCluster.Builder()
                .name("location-visits-converter")
                .numWorkers(1)
                .workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "500")))
                .build();
        connect.start();
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
    void sourceWithTheConverterPutsTheMainJobsBytesOnTheTopic() throws Exception {
        String topic = "visits-avro";
        connect.kafka().createTopic(topic, 1);
        LocalDate startedOn = LocalDate.now(SourceConfig.ZONE);
        int rows = expectedEntries(simulator, DAY0.plusDays(1), DAY2).size();
        Map<String, String> config = ConnectFixtures.source(simulator, topic, DAY0, DAY2);
        config.put("value.converter", LocationVisitsConverter.class.getName());
        config.put("value.converter." + LocationVisitsConverter.SCHEMA_URL_CONFIG, "");

        connect.configureConnector("converter-source", config);
        awaitOffset(connect, "converter-source", DAY2);

        List<KinesisEntry> entries = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : connect.kafka().consume(rows, 60_000, topic)) {
            entries.add(new KinesisEntry(new String(record.key(), StandardCharsets.UTF_8), record.value()));
        }
        assertMainJobEntries(ConnectFixtures.hex(entries), simulator, DAY0.plusDays(1), DAY2, startedOn);
        connect.deleteConnector("converter-source");
    }
}
