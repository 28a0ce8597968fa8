package org.locationvisits.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.common.Sleeper;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.sink.KinesisSinkConfig;
import org.locationvisits.kinesis.sink.KinesisSinkConnector;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.ShopperTrakSourceConnector;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.offsets.SourceOffsets;

/** Connector configs, expected rows and waits shared by the Connect worker tests. */
final class ConnectFixtures {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private ConnectFixtures() {
    }

    /** The SDK's default credential chain in the worker (same JVM) reads these; kinesis-local accepts any. */
    static void useLocalAwsCredentials() {
        System.setProperty("aws.accessKeyId", KinesisLocal.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", KinesisLocal.SECRET_ACCESS_KEY);
    }

    static Map<String, String> source(ShopperTrakSimulator simulator, String topic, LocalDate initial, LocalDate end) {
        Map<String, String> props = new HashMap<>(converters());
        props.put("connector.class", ShopperTrakSourceConnector.class.getName());
        props.put("tasks.max", "1");
        props.put(SourceConfig.BASE_URL_CONFIG, simulator.baseUrl());
        props.put(SourceConfig.USERNAME_CONFIG, simulator.username());
        props.put(SourceConfig.PASSWORD_CONFIG, simulator.password());
        props.put(SourceConfig.RETRY_DELAY_CONFIG, "0");
        props.put(SourceConfig.FAILED_DAY_RETRY_CONFIG, "1");
        props.put(SourceConfig.INITIAL_DATE_CONFIG, initial.toString());
        props.put(SourceConfig.END_DATE_CONFIG, end.toString());
        props.put(SourceConfig.TOPIC_CONFIG, topic);
        return props;
    }

    static Map<String, String> sink(KinesisLocal kinesis, String topic, String stream) {
        Map<String, String> props = new HashMap<>(converters());
        props.put("connector.class", KinesisSinkConnector.class.getName());
        props.put("tasks.max", "1");
        props.put("topics", topic);
        props.put(KinesisSinkConfig.STREAM_CONFIG, stream);
        props.put(KinesisSinkConfig.REGION_CONFIG, KinesisLocal.REGION);
        props.put(KinesisSinkConfig.ENDPOINT_CONFIG, kinesis.endpoint().toString());
        props.put(KinesisSinkConfig.RETRY_BACKOFF_CONFIG, "500");
        return props;
    }

    /** String keys, LocationVisits structs as JSON with schemas: what standalone.properties configures. */
    static Map<String, String> converters() {
        return Map.of("key.converter", StringConverter.class.getName(),
                "value.converter", JsonConverter.class.getName(),
                "value.converter.schemas.enable", "true");
    }

    /**
     * What the main job would send for these days: ShopperTrakClient.allSites rows, encoded by
     * LocationVisitsEncoder with the bundled schema, keyed by site|orbit|increment_start. Sorted, as hex.
     * A worker stamps poll_date from the real clock: compare with {@link #assertMainJobEntries}.
     */
    static List<String> expectedEntries(ShopperTrakSimulator simulator, LocalDate from, LocalDate to) {
        return expectedEntries(simulator, from, to, LocalDate.now(SourceConfig.ZONE).toString());
    }

    static List<String> expectedEntries(ShopperTrakSimulator simulator, LocalDate from, LocalDate to,
                                        String pollDate) {
        ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                simulator.username(), simulator.password()), Sleeper.SYSTEM);
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
        List<KinesisEntry> entries = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            DayResult result = client.allSites(day);
            assertThat(result).isInstanceOf(DayResult.Rows.class);
            for (TrafficRow row : ((DayResult.Rows) result).rows()) {
                LocationVisit visit = LocationVisit.of(row, false, pollDate);
                entries.add(new KinesisEntry(visit.key(), encoder.encode(visit)));
            }
        }
        return hex(entries);
    }

    /**
     * {@code actual} (sorted hex) is what the main job sends for these days, with the poll_date the worker
     * stamped: the New York date at some moment between {@code startedOn} and now, so a run across midnight
     * in New York passes too.
     */
    static void assertMainJobEntries(List<String> actual, ShopperTrakSimulator simulator, LocalDate from,
                                     LocalDate to, LocalDate startedOn) {
        assertThat(actual).isNotEmpty();
        String hex = actual.get(0).substring(actual.get(0).lastIndexOf(' ') + 1);
        String pollDate;
        try {
            GenericRecord first = new GenericDatumReader<GenericRecord>(LocationVisitsSchemas.bundled())
                    .read(null, DecoderFactory.get().binaryDecoder(HexFormat.of().parseHex(hex), null));
            pollDate = first.get("poll_date").toString();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a LocationVisits record: " + actual.get(0), e);
        }
        assertThat(LocalDate.parse(pollDate)).isBetween(startedOn, LocalDate.now(SourceConfig.ZONE));
        assertThat(actual).isEqualTo(expectedEntries(simulator, from, to, pollDate));
    }

    static List<String> hex(List<KinesisEntry> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        for (KinesisEntry entry : entries) {
            lines.add(entry.partitionKey() + " " + HexFormat.of().formatHex(entry.data()));
        }
        lines.sort(null);
        return lines;
    }

    /** Waits until the stream holds at least {@code count} records, then returns them all (sorted, hex). */
    static List<String> awaitStream(KinesisLocal kinesis, String stream, int count) {
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        await("Kinesis stream " + stream + " to hold " + count + " records", () -> {
            last.set(0, hex(kinesis.readAll(stream)));
            return last.get(0).size() >= count;
        });
        return last.get(0);
    }

    /** Waits until the connector's committed offset is {@code day}. */
    static void awaitOffset(EmbeddedConnectCluster connect, String connector, LocalDate day) {
        await(connector + " to commit last_poll_date " + day, () -> day.equals(committedDay(connect, connector)));
    }

    static LocalDate committedDay(EmbeddedConnectCluster connect, String connector) {
        try {
            // The allsites partition; the task's recovery memory and call count have partitions of their own.
            return connect.connectorOffsets(connector).offsets().stream()
                    .filter(o -> SourceOffsets.PARTITION.equals(o.partition()))
                    .map(o -> SourceOffsets.lastPollDate(o.offset())).findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null; // e.g. during a rebalance
        }
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
