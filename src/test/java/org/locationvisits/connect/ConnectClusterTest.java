package org.locationvisits.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.connect.ConnectFixtures.await;
import static org.locationvisits.connect.ConnectFixtures.awaitOffset;
import static org.locationvisits.connect.ConnectFixtures.awaitStream;
import static org.locationvisits.connect.ConnectFixtures.expectedEntries;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.kinesis.sink.KinesisSinkConnector;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.ShopperTrakSourceConnector;
import org.locationvisits.source.SourceConfig;

import jakarta.ws.rs.core.Response;

/**
 * Both connectors on a real (embedded, distributed) Connect worker with a broker, the ShopperTrak simulator
 * and kinesis-local. One cluster for the class; every test uses its own connector names, topic and stream.
 */
class ConnectClusterTest {
    private static final LocalDate DAY0 = LocalDate.of(2024, 2, 29);
    private static final LocalDate DAY1 = DAY0.plusDays(1);
    private static final LocalDate DAY2 = DAY0.plusDays(2);
    private static final LocalDate DAY3 = DAY0.plusDays(3);
    private static final LocalDate DAY4 = DAY0.plusDays(4);

    private static ShopperTrakSimulator simulator;
    private static KinesisLocal kinesis;
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startStack() throws Exception {
        ConnectFixtures.useLocalAwsCredentials();
        simulator = ShopperTrakSimulator.builder().sites(3).start();
        kinesis = KinesisLocal.start();
        connect = new EmbeddedConnectCluster.Builder()
                .name("location-visits-connect")
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
        if (kinesis != null) {
            kinesis.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void sourceThroughTopicAndSinkPutsTheMainJobsBytesOnTheStream() throws Exception {
        String stream = "visits-e2e";
        kinesis.createStream(stream, 2);
        LocalDate startedOn = LocalDate.now(SourceConfig.ZONE);
        int rows = expectedEntries(simulator, DAY1, DAY2).size();
        connect.kafka().createTopic("visits-e2e", 2);

        connect.configureConnector("e2e-source", ConnectFixtures.source(simulator, "visits-e2e", DAY0, DAY2));
        connect.configureConnector("e2e-sink", ConnectFixtures.sink(kinesis, "visits-e2e", stream));

        ConnectFixtures.assertMainJobEntries(awaitStream(kinesis, stream, rows), simulator, DAY1, DAY2, startedOn);
        awaitOffset(connect, "e2e-source", DAY2);
        connect.deleteConnector("e2e-source");
        connect.deleteConnector("e2e-sink");
    }

    @Test
    void taskAndWorkerRestartsResumeAfterTheCommittedDay() throws Exception {
        String name = "restart-source";
        connect.kafka().createTopic("visits-restart", 1);
        Map<String, String> config = ConnectFixtures.source(simulator, "visits-restart", DAY0, DAY2);
        connect.configureConnector(name, config);
        awaitOffset(connect, name, DAY2);

        simulator.requestLog().clear();
        connect.restartTask(name, 0);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "task restarted");
        config.put(SourceConfig.END_DATE_CONFIG, DAY3.toString());
        connect.configureConnector(name, config);
        awaitOffset(connect, name, DAY3);
        assertThat(simulator.requestLog().datesRequested()).containsExactly(DAY3);

        simulator.requestLog().clear();
        WorkerHandle worker = connect.workers().iterator().next();
        connect.removeWorker(worker);
        connect.addWorker();
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "worker restarted");
        config.put(SourceConfig.END_DATE_CONFIG, DAY4.toString());
        connect.configureConnector(name, config);
        awaitOffset(connect, name, DAY4);
        assertThat(simulator.requestLog().datesRequested()).containsExactly(DAY4);
        connect.deleteConnector(name);
    }

    @Test
    void offsetsApiMovesTheOffsetBackResetsItAndRefusesABadOne() throws Exception {
        String name = "offsets-source";
        connect.kafka().createTopic("visits-offsets", 1);
        connect.configureConnector(name, ConnectFixtures.source(simulator, "visits-offsets", DAY0, DAY3));
        awaitOffset(connect, name, DAY3);

        // PATCH to an earlier day: the connector polls again from the day after it.
        connect.stopConnector(name);
        patchOffsets(name, "{\"offsets\":[{\"partition\":{\"shoppertrak_endpoint\":\"allsites\"},"
                + "\"offset\":{\"last_poll_date\":\"" + DAY1 + "\"}}]}", 200);
        simulator.requestLog().clear();
        connect.resumeConnector(name);
        awaitOffset(connect, name, DAY3);
        await("re-poll of " + DAY2 + " and " + DAY3,
                () -> simulator.requestLog().datesRequested().equals(java.util.Set.of(DAY2, DAY3)));

        // DELETE: it starts again from its configured initial date.
        connect.stopConnector(name);
        Response reset = connect.requestDelete(connect.endpointForResource("connectors/" + name + "/offsets"));
        assertThat(reset.getStatus()).isEqualTo(200);
        simulator.requestLog().clear();
        connect.resumeConnector(name);
        awaitOffset(connect, name, DAY3);
        assertThat(simulator.requestLog().datesRequested()).containsExactly(DAY1, DAY2, DAY3);

        // A malformed or future offset is refused with the connector's own message, and nothing changes.
        connect.stopConnector(name);
        String refused = patchOffsets(name, "{\"offsets\":[{\"partition\":{\"shoppertrak_endpoint\":\"allsites\"},"
                + "\"offset\":{\"last_poll_date\":\"2024-3-1\"}}]}", 500);
        assertThat(refused).contains("Refused offset change").contains("is not YYYY-MM-DD");
        String future = patchOffsets(name, "{\"offsets\":[{\"partition\":{\"shoppertrak_endpoint\":\"allsites\"},"
                + "\"offset\":{\"last_poll_date\":\"2999-01-01\"}}]}", 500);
        assertThat(future).contains("is after yesterday");
        assertThat(ConnectFixtures.committedDay(connect, name)).isEqualTo(DAY3);
        connect.deleteConnector(name);
    }

    @Test
    void validationRefusesABaseUrlWhereShopperTrakDoesNotAnswerWithoutSpendingACall() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Map<String, String> source = new HashMap<>(ConnectFixtures.source(simulator, "visits-validate", DAY0, DAY2));
        source.put("name", "validate-reach");
        int before = simulator.requestLog().count();

        Map<String, List<String>> answered = errorsByKey(connect.validateConnectorConfig(
                ShopperTrakSourceConnector.class.getSimpleName(), source));

        assertThat(answered).doesNotContainKey(SourceConfig.BASE_URL_CONFIG);
        assertThat(simulator.requestLog().requests().subList(before, simulator.requestLog().count()))
                .as("one request, without credentials and date: no call spent").singleElement()
                .satisfies(r -> assertThat(r.answer()).isEqualTo("401"));

        source.put(SourceConfig.BASE_URL_CONFIG, "http://127.0.0.1:" + closed + "/Traffic/Customer/v2.0/");
        Map<String, List<String>> refused = errorsByKey(connect.validateConnectorConfig(
                ShopperTrakSourceConnector.class.getSimpleName(), source));

        assertThat(refused).containsOnlyKeys(SourceConfig.BASE_URL_CONFIG);
        assertThat(refused.get(SourceConfig.BASE_URL_CONFIG).get(0)).contains("127.0.0.1:" + closed)
                .contains("unreachable").contains(SourceConfig.BASE_URL_CONFIG);
    }

    @Test
    void validationReturnsAReadableMessageForEveryBadValue() {
        Map<String, String> source = new HashMap<>(Map.of(
                "connector.class", ShopperTrakSourceConnector.class.getName(),
                "tasks.max", "3",
                SourceConfig.BASE_URL_CONFIG, "ftp://example.com/service",
                SourceConfig.USERNAME_CONFIG, "",
                SourceConfig.PASSWORD_CONFIG, "",
                SourceConfig.API_VERSION_CONFIG, "v3",
                SourceConfig.MAX_RETRIES_CONFIG, "0",
                SourceConfig.INITIAL_DATE_CONFIG, "2024-13-01",
                SourceConfig.END_DATE_CONFIG, "yesterday",
                SourceConfig.POLL_TIME_CONFIG, "6am"));
        source.put(SourceConfig.TOPIC_CONFIG, "");
        source.put("name", "validate-source");
        Map<String, List<String>> errors = errorsByKey(connect.validateConnectorConfig(
                ShopperTrakSourceConnector.class.getSimpleName(), source));
        assertThat(errors).containsOnlyKeys(SourceConfig.BASE_URL_CONFIG, SourceConfig.USERNAME_CONFIG,
                SourceConfig.PASSWORD_CONFIG, SourceConfig.API_VERSION_CONFIG, SourceConfig.MAX_RETRIES_CONFIG,
                SourceConfig.INITIAL_DATE_CONFIG, SourceConfig.END_DATE_CONFIG, SourceConfig.POLL_TIME_CONFIG,
                SourceConfig.TOPIC_CONFIG);
        assertThat(errors.get(SourceConfig.BASE_URL_CONFIG).get(0)).contains("http(s) URL ending with '/'");
        assertThat(errors.get(SourceConfig.INITIAL_DATE_CONFIG).get(0)).contains("YYYY-MM-DD");
        assertThat(errors.get(SourceConfig.POLL_TIME_CONFIG).get(0)).contains("HH:MM");
        assertThat(errors.get(SourceConfig.API_VERSION_CONFIG).get(0)).contains("v1").contains("v2");
        assertThat(definitionOf(connect.validateConnectorConfig(ShopperTrakSourceConnector.class.getSimpleName(),
                source), "tasks.max")).contains("always runs one task");

        Map<String, String> sink = Map.of(
                "name", "validate-sink",
                "connector.class", KinesisSinkConnector.class.getName(),
                "topics", "visits",
                "kinesis.stream", "arn:aws:kinesis:us-east-1:123:stream/x",
                "kinesis.region", "Virginia",
                "kinesis.endpoint", "localhost:4567",
                "kinesis.batch.size", "501",
                "location.visits.schema.url", "not a url");
        Map<String, List<String>> sinkErrors = errorsByKey(connect.validateConnectorConfig(
                KinesisSinkConnector.class.getSimpleName(), sink));
        assertThat(sinkErrors).containsOnlyKeys("kinesis.stream", "kinesis.region", "kinesis.endpoint",
                "kinesis.batch.size", "location.visits.schema.url");
        assertThat(sinkErrors.get("kinesis.stream").get(0)).contains("arn:aws:kinesis:REGION:ACCOUNT:stream/NAME");
        assertThat(sinkErrors.get("kinesis.batch.size").get(0)).contains("500");
    }

    @Test
    void sinkSetsUnencodableRecordsAsideWithToleranceAllAndFailsNamingThemOtherwise() throws Exception {
        String stream = "visits-errant";
        kinesis.createStream(stream, 1);
        String topic = "visits-errant";
        connect.kafka().createTopic(topic, 1);
        String good = "{\"shoppertrak_site_id\":\"S1\",\"orbit\":1,\"increment_start\":\"2024-03-01T10:00:00\","
                + "\"enters\":3,\"exits\":2,\"is_healthy_orbit\":true,\"is_recovery_data\":false,"
                + "\"poll_date\":\"2024-03-02\"}";
        connect.kafka().produce(topic, "S1|1|2024-03-01T10:00:00", good);
        connect.kafka().produce(topic, "bad", "{\"shoppertrak_site_id\":\"S2\"}");
        connect.kafka().produce(topic, "S1|1|2024-03-01T10:00:00", good);

        Map<String, String> tolerant = ConnectFixtures.sink(kinesis, topic, stream);
        tolerant.put("value.converter.schemas.enable", "false"); // plain JSON maps this time
        tolerant.put("errors.tolerance", "all");
        tolerant.put("errors.deadletterqueue.topic.name", "visits-dlq");
        tolerant.put("errors.deadletterqueue.topic.replication.factor", "1");
        connect.configureConnector("errant-sink", tolerant);
        assertThat(awaitStream(kinesis, stream, 2)).hasSize(2);
        assertThat(connect.kafka().consume(1, 30_000, "visits-dlq").count()).isEqualTo(1);
        connect.deleteConnector("errant-sink");

        Map<String, String> strict = new HashMap<>(tolerant);
        strict.remove("errors.tolerance");
        strict.remove("errors.deadletterqueue.topic.name");
        strict.remove("errors.deadletterqueue.topic.replication.factor");
        connect.configureConnector("strict-sink", strict);
        connect.assertions().assertConnectorIsRunningAndTasksHaveFailed("strict-sink", 1, "bad record fails task");
        String trace = connect.connectorStatus("strict-sink").tasks().get(0).trace();
        assertThat(trace).contains("topic " + topic + ", partition 0, offset 1")
                .contains("is missing or null");
        connect.deleteConnector("strict-sink");
    }

    private static String patchOffsets(String connector, String body, int expectedStatus) {
        Response response = connect.requestPatch(connect.endpointForResource("connectors/" + connector + "/offsets"),
                body);
        String text = String.valueOf(response.getEntity());
        assertThat(response.getStatus()).as(text).isEqualTo(expectedStatus);
        return text;
    }

    private static String definitionOf(ConfigInfos infos, String key) {
        return infos.configs().stream().filter(info -> info.configKey() != null && key.equals(info.configKey().name()))
                .map(info -> info.configKey().documentation()).collect(Collectors.joining(" | "));
    }

    private static Map<String, List<String>> errorsByKey(ConfigInfos infos) {
        return infos.configs().stream()
                .map(ConfigInfo::configValue)
                .filter(value -> !value.errors().isEmpty())
                .collect(Collectors.toMap(value -> value.name(), value -> value.errors(), (a, b) -> a));
    }

}
