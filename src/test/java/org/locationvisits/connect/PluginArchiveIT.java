package org.locationvisits.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.NodeProcess;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

/**
 * The plugin archive as an operator uses it: unzipped into a fresh plugin.path folder, a stock standalone
 * worker in its own JVM (only Kafka's jars on its class path, {@code plugin.discovery=service_load}) started
 * with the archive's own etc/ configs, so both connectors can only come from the archive.
 */
class PluginArchiveIT {
    private static final LocalDate INITIAL = LocalDate.of(2024, 4, 1);
    private static final LocalDate END = INITIAL.plusDays(2);

    @TempDir
    Path work;

    @Test
    void bothConnectorsLoadFromTheUnpackedArchiveAndRun() throws Exception {
        Path archive = Path.of(System.getProperty("plugin.archive", "target/location-visits-connector-0.1.0.zip"));
        assertThat(archive).as("run 'mvn package' first").exists();
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path unpacked = unzip(archive, plugins);
        assertThat(unpacked.resolve("manifest.json")).exists();
        try (Stream<Path> lib = Files.list(unpacked.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("location-visits-connector-"))
                    .noneMatch(name -> name.startsWith("connect-api-") || name.startsWith("kafka-clients-")
                            || name.startsWith("slf4j-") || name.startsWith("logback-")
                            || name.startsWith("picocli-"));
        }

        EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(1, new Properties());
        kafka.start();
        Process worker = null;
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(3).start();
             KinesisLocal kinesis = KinesisLocal.start()) {
            kafka.createTopic("LocationVisits", 1);
            String stream = "visits-archive";
            kinesis.createStream(stream, 1);
            List<String> expected = ConnectFixtures.expectedEntries(simulator, INITIAL.plusDays(1), END);
            int restPort = NodeProcess.freePort();

            Path etc = unpacked.resolve("etc");
            Path workerConfig = write(etc.resolve("standalone.properties"), Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "plugin.path", plugins.toString(),
                    "offset.storage.file.filename", work.resolve("offsets").toString(),
                    "offset.flush.interval.ms", "1000",
                    "listeners", "http://127.0.0.1:" + restPort));
            assertThat(load(workerConfig).getProperty("plugin.discovery")).isEqualTo("service_load");
            Path sourceConfig = write(etc.resolve("shoppertrak-source.properties"), Map.of(
                    "shoppertrak.api.base.url", simulator.baseUrl(),
                    "shoppertrak.username", simulator.username(),
                    "shoppertrak.password", simulator.password(),
                    "initial.last.poll.date", INITIAL.toString(),
                    "end.date", END.toString()));
            Path sinkConfig = write(etc.resolve("kinesis-sink.properties"), Map.of(
                    "kinesis.stream", stream,
                    "kinesis.endpoint", kinesis.endpoint().toString()));

            worker = startWorker(workerConfig, sourceConfig, sinkConfig);
            assertThat(ConnectFixtures.awaitStream(kinesis, stream, expected.size())).isEqualTo(expected);

            String plugins1 = get(restPort, "/connector-plugins");
            assertThat(plugins1).contains("org.locationvisits.source.ShopperTrakSourceConnector")
                    .contains("org.locationvisits.kinesis.sink.KinesisSinkConnector");
            assertThat(get(restPort, "/connectors/shoppertrak-source/status")).contains("\"state\":\"RUNNING\"");
            assertThat(get(restPort, "/connectors/kinesis-sink/status")).contains("\"state\":\"RUNNING\"");
        } finally {
            if (worker != null) {
                worker.destroy();
                worker.waitFor();
            }
            kafka.stop();
        }
    }

    /** {@code java ConnectStandalone ...} with the test class path minus this project's own classes and jar. */
    private Process startWorker(Path... configs) throws IOException {
        String target = Path.of("target").toAbsolutePath().toString();
        String classPath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().toString().startsWith(target))
                .collect(Collectors.joining(java.io.File.pathSeparator));
        assertThat(classPath).doesNotContain("location-visits-connector");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Daws.accessKeyId=" + KinesisLocal.ACCESS_KEY_ID,
                "-Daws.secretAccessKey=" + KinesisLocal.SECRET_ACCESS_KEY,
                "-Dlogback.configurationFile=" + Path.of("target/test-classes/logback-test.xml").toAbsolutePath(),
                "-cp", classPath, "org.apache.kafka.connect.cli.ConnectStandalone"));
        for (Path config : configs) {
            command.add(config.toString());
        }
        Path log = Path.of("target", "plugin-archive-it-worker.log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** The shipped file with some keys replaced, written next to the test's other files. */
    private Path write(Path shipped, Map<String, String> overrides) throws IOException {
        Properties props = load(shipped);
        props.putAll(overrides);
        Path copy = work.resolve(shipped.getFileName());
        try (OutputStream out = Files.newOutputStream(copy)) {
            props.store(out, "from " + shipped);
        }
        return copy;
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        return props;
    }

    /** Unzips and returns the archive's single top-level folder. */
    private static Path unzip(Path archive, Path into) throws IOException {
        Path top = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the folder: " + entry.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return top;
    }
}
