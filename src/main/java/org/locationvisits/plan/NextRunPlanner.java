package org.locationvisits.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.CalendarException;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.offsets.DayPosition;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.recovery.RecoveryCycle;
import org.locationvisits.recovery.RecoveryItem;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.RecoveryServices;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.source.ConfiguredServices;
import org.locationvisits.source.PollSchedule;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.warehouse.WarehouseException;

/**
 * Works out {@link NextRun} with the run's own rules and no effect: the state object is read (one GET), the
 * warehouse, the calendar and the all-sites list are read as a run reads them; ShopperTrak is never called, and
 * nothing is written anywhere. The days come from {@link PollSchedule}, the recovery site-days from
 * {@link RecoveryCycle#plan}, the calls counted today from the state's {@code calls_day}/{@code calls}, as a run
 * restores them. Package {@code plan} sits between {@code cli} and {@code runner}.
 */
public final class NextRunPlanner {
    private NextRunPlanner() {
    }

    /**
     * @param clock "now": decides today in New York, yesterday and the day the calls count on
     * @throws IllegalStateException when the run could not start either (the stored offset, no LAST_POLL_DATE), or
     *                               the warehouse or memory cannot be read
     */
    public static NextRun plan(RunnerSettings settings, Wiring.Aws aws, Clock clock) {
        SourceConfig config = new SourceConfig(withoutCredentials(settings.connectorProps()));
        PollSchedule schedule = new PollSchedule(clock, config);
        OffsetStore store = Wiring.offsets(settings, aws);
        Map<Map<String, Object>, Map<String, Object>> stored = store.readAll();
        Map<String, Object> main = stored.get(SourceOffsets.PARTITION);
        LocalDate today = schedule.pollDate();
        LocalDate lastDelivered;
        try {
            lastDelivered = schedule.lastDelivered(main);
        } catch (ConnectException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // Nothing is encoded here: the generation only words a log line of the calendar's loading, so a schema URL
        // is not fetched (one that is not bundled is taken for the current generation, as production's is).
        RecordGeneration generation = LocationVisitsSchemas.bundledFor(config.schemaUrl()).map(RecordGeneration::of)
                .orElse(RecordGeneration.CURRENT);
        ConfiguredServices loaded;
        try {
            loaded = new ConfiguredServices(config, Sleeper.SYSTEM, aws::s3, generation);
        } catch (WarehouseException | CalendarException e) {
            throw new IllegalStateException("the calendar cannot be read, so recovery cannot be planned: "
                    + e.getMessage(), e);
        }
        try (ConfiguredServices services = loaded) {
            RecoveryCycle recovery = new RecoveryCycle(new WithoutCalls(services),
                    new RecoveryCycle.Settings(config.badPollDates(), false, config.dailyCallLimit(),
                            config.recoverySchedule()), lastDelivered);
            recovery.restore(reader(stored), today);
            recovery.polling(today, lastDelivered);
            List<RecoveryItem> items;
            try {
                items = recovery.plan(today);
            } catch (RuntimeException e) {
                throw new IllegalStateException("recovery could not be planned: " + e.getMessage(), e);
            }
            String ledger = services.ledger().isPresent() ? "warehouse" : "memory";
            return assemble(settings, config, schedule, main, lastDelivered, recovery, items, ledger,
                    sites(services));
        }
    }

    private static NextRun assemble(RunnerSettings settings, SourceConfig config, PollSchedule schedule,
                                    Map<String, Object> main, LocalDate lastDelivered, RecoveryCycle recovery,
                                    List<RecoveryItem> items, String ledger, int sites) {
        LocalDate today = schedule.pollDate();
        LocalDate first = lastDelivered.plusDays(1);
        LocalDate last = schedule.lastDayToPoll();
        int days = last.isBefore(first) ? 0 : (int) ChronoUnit.DAYS.between(first, last) + 1;
        List<String> bad = config.badPollDates().stream()
                .filter(d -> !d.isBefore(first) && !d.isAfter(last)).map(LocalDate::toString).toList();
        RecoveryCycle.Window window = recovery.window(today);
        long missing = items.stream().filter(i -> i.kind() == RecoveryItem.Kind.MISSING).count();
        NextRun.Recovery planned = new NextRun.Recovery(window.from().toString(), window.to().toString(),
                ledger,
                sites, items.size() - (int) missing, (int) missing, items.stream().map(i -> new NextRun.SiteDay(
                        i.siteDay().date().toString(), i.siteDay().siteId(),
                        i.kind().name().toLowerCase(java.util.Locale.ROOT))).toList());

        int limit = config.dailyCallLimit();
        int counted = recovery.callsMade(today);
        int perRequest = config.shopperTrak().mostCallsPerRequest();
        Integer left = limit == 0 ? null : Math.max(0, limit - counted);
        NextRun.Calls calls = new NextRun.Calls(limit == 0 ? null : limit, counted, left, days, items.size(),
                perRequest, (days + items.size()) * perRequest);
        // The daily poll spends first; recovery runs only once it is caught up, with what the limit leaves.
        int daysToday = left == null ? days : Math.min(days, left);
        int siteDaysToday = left == null ? items.size() : daysToday < days ? 0 : Math.min(items.size(), left - days);
        LocalDate after = lastDelivered.plusDays(daysToday);
        return new NextRun(settings.ignoreCache() ? null : "s3://" + settings.s3Bucket() + "/" + settings.s3Resource(),
                schedule.now().truncatedTo(ChronoUnit.SECONDS).toString(), today.toString(), lastDelivered.toString(),
                SourceOffsets.lastPollDate(main) != null ? "stored offset" : "LAST_POLL_DATE",
                Optional.ofNullable(main).flatMap(DayPosition::of).map(DayPosition::toString).orElse(null),
                new NextRun.DailyPoll(days == 0 ? null : first.toString(), days == 0 ? null : last.toString(), days,
                        bad),
                planned, calls, new NextRun.Share(daysToday, siteDaysToday),
                new NextRun.Share(days - daysToday, items.size() - siteDaysToday), after.toString());
    }

    /**
     * The connector's properties, with placeholders for the ShopperTrak credentials a plan is not given (it reads
     * none: {@code Purpose.PLAN}); the client built with them is never asked anything.
     */
    private static Map<String, String> withoutCredentials(Map<String, String> props) {
        Map<String, String> plan = new HashMap<>(props);
        plan.put(SourceConfig.USERNAME_CONFIG, "plan-makes-no-call");
        plan.put(SourceConfig.PASSWORD_CONFIG, "plan-makes-no-call");
        return plan;
    }

    /** The all-sites list's size as a pass reads it; 0 when none is configured or it cannot be read. */
    private static int sites(ConfiguredServices services) {
        try {
            return services.allSites().size();
        } catch (RuntimeException e) {
            return 0; // the pass's own reading has logged why, as in a run
        }
    }

    /** The stored partitions as the task reads them at start. */
    private static OffsetStorageReader reader(Map<Map<String, Object>, Map<String, Object>> stored) {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                Map<String, Object> offset = stored.get(partition);
                return offset == null ? null : new HashMap<>(offset);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> all = new HashMap<>();
                partitions.forEach(p -> all.put(p, offset(p)));
                return all;
            }
        };
    }

    /** The run's services, but ShopperTrak refuses and there is no data-lake copy: a plan has no effect. */
    private record WithoutCalls(ConfiguredServices services) implements RecoveryServices {
        @Override
        public ShopperTrakApi shopperTrak() {
            throw new IllegalStateException("plan makes no ShopperTrak call");
        }

        @Override
        public LocationCalendar calendar() {
            return services.calendar();
        }

        @Override
        public Optional<RecoveryLedger> ledger() {
            return services.ledger();
        }

        @Override
        public List<String> allSites() {
            return services.allSites();
        }

        @Override
        public Optional<DataLakeArchive> dataLake() {
            return Optional.empty();
        }
    }
}
