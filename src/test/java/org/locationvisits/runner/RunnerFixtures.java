package org.locationvisits.runner;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.locationvisits.avro.LocationVisitsConverter;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.apache.kafka.connect.storage.Converter;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.source.ServicesFactory;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SimpleServices;
import org.locationvisits.source.SourceConfig;

/** Runner parts without stand-ins: a task on a fixed clock with scripted days. */
final class RunnerFixtures {
    /** 2024-03-28 10:00 in New York: yesterday is 2024-03-27. */
    static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 10, 0, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);

    private RunnerFixtures() {
    }

    /** A task on {@link #CLOCK} whose ShopperTrak answers each day with {@code answers}. */
    static EmbeddedRunner.TaskFactory task(Function<LocalDate, DayResult> answers) {
        return progress -> new ShopperTrakSourceTask(services(answers), CLOCK, progress);
    }

    /** Only the all-sites endpoint, answering with {@code answers}. */
    static ServicesFactory services(Function<LocalDate, DayResult> answers) {
        return (config, sleeper) -> SimpleServices.of(ShopperTrakApi.allSitesOnly(answers::apply));
    }

    /** A runner as the tests build it: the bundled schema's encoding, {@link #CLOCK}'s day unless set. */
    static RunnerBuilder runner(EmbeddedRunner.TaskFactory task, Map<String, String> props, OffsetStore offsets,
                                Destination destination, boolean dryRun, boolean continuous) {
        return EmbeddedRunner.builder().task(task, props).offsets(offsets).converter(converter())
                .destination(destination).dryRun(dryRun).continuous(continuous);
    }

    static Converter converter() {
        return new LocationVisitsConverter(encoder());
    }

    /** Task settings starting after {@code initial} through {@code end}. */
    static Map<String, String> props(LocalDate initial, LocalDate end) {
        Map<String, String> props = new HashMap<>();
        props.put(SourceConfig.BASE_URL_CONFIG, "http://127.0.0.1:1/service/");
        props.put(SourceConfig.USERNAME_CONFIG, "user");
        props.put(SourceConfig.PASSWORD_CONFIG, "secret");
        props.put(SourceConfig.INITIAL_DATE_CONFIG, initial.toString());
        props.put(SourceConfig.END_DATE_CONFIG, end.toString());
        return props;
    }

    static DayResult rows(LocalDate day, int count) {
        List<TrafficRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new TrafficRow("aa lib", 1, day + "T0" + i + ":00:00", 4, 3, true));
        }
        return new DayResult.Rows(day, rows, 1);
    }

    static LocationVisitsEncoder encoder() {
        return new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
    }

    /** {@code store}, with {@code hook} run before each write of the whole state (e.g. to count or hold it). */
    static org.locationvisits.offsets.OffsetStore beforeEachWrite(org.locationvisits.offsets.OffsetStore store,
            java.util.function.Consumer<Map<Map<String, Object>, Map<String, Object>>> hook) {
        return new org.locationvisits.offsets.OffsetStore() {
            @Override
            public Map<Map<String, Object>, Map<String, Object>> readAll() {
                return store.readAll();
            }

            @Override
            public void writeAll(Map<Map<String, Object>, Map<String, Object>> state) {
                hook.accept(state);
                store.writeAll(state);
            }

            @Override
            public void write(LocalDate day) {
                store.write(day);
            }
        };
    }
}
