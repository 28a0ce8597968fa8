package org.locationvisits.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.locationvisits.offsets.OffsetConflictException;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.common.StoredStateException;
import org.locationvisits.config.Purpose;
import org.locationvisits.drift.DriftText;
import org.locationvisits.drift.SiteDrift;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.runner.Wiring;
import org.locationvisits.recovery.CallBudget;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.offsets.SourceOffsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offsets show} and {@code offsets set YYYY-MM-DD}: look at or move the S3 state of the main job,
 * e.g. to reprocess days (the next run starts the day after the date set).
 */
@Command(name = "offsets", synopsisSubcommandLabel = "(show | set)", description = "show: print the stored offset; set: move it (the next run starts the day"
        + " after)")
final class OffsetsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;
    private final Context context;

    OffsetsCommand(Context context) {
        this.context = context;
    }

    /** The S3 state; null (after saying why) when IGNORE_CACHE leaves none. */
    private Store store(ConfigOption config) {
        RunnerSettings settings = context.settings(config.path, Purpose.OFFSETS);
        if (settings.ignoreCache()) {
            context.err().println("error: IGNORE_CACHE=true, so there is no S3 state to show or set");
            return null;
        }
        Wiring.Aws aws = context.aws().apply(settings.awsRegion());
        return new Store(Wiring.offsets(settings, aws), "s3://" + settings.s3Bucket() + "/" + settings.s3Resource());
    }

    private record Store(OffsetStore offsets, String where) {
    }

    @Command(name = "show", description = "print the stored offset, the call count and the site-days pending recovery")
    int show(@Mixin HelpOption help, @Mixin ConfigOption config) {
        Store state = store(config);
        if (state == null) {
            return Failures.USAGE;
        }
        PrintStream out = context.out();
        PrintStream err = context.err();
        String where = state.where();
        Map<Map<String, Object>, Map<String, Object>> stored = state.offsets().readAll();
        Map<String, Object> main = stored.get(SourceOffsets.PARTITION);
        Optional<LocalDate> date = Optional.ofNullable(SourceOffsets.lastPollDate(main));
        Map<String, Object> shown = main == null ? null : new LinkedHashMap<>(main);
        if (shown != null) {
            shown.keySet().removeAll(Set.of(RecoveryMemory.ALL_KEY, CallBudget.DAY_KEY, CallBudget.CALLS_KEY,
                    SourceOffsets.DRIFT_KEY));
        }
        out.println(shown == null ? "null" : json(shown));
        err.println(date.map(d -> where + ": the next run starts with " + d.plusDays(1))
                .orElse(where + " holds no offset yet: the next run starts after LAST_POLL_DATE"));
        Map<String, Object> calls = main != null && main.get(CallBudget.DAY_KEY) != null
                ? Map.of("day", main.get(CallBudget.DAY_KEY), "calls", main.get(CallBudget.CALLS_KEY))
                : stored.get(Map.<String, Object>copyOf(CallBudget.PARTITION));
        if (calls != null) {
            out.println("calls " + json(new TreeMap<>(calls)));
        }
        showPending(stored, where, out, err);
        showDrift(main, where, out, err);
        return 0;
    }

    @Command(name = "set", description = "move the stored offset (the next run starts the day after); recovery's"
            + " memory stays unless --forget-recovery")
    int set(@Parameters(paramLabel = "YYYY-MM-DD", description = "the last delivered day") LocalDate date,
            @Option(names = "--forget-recovery", description = "also forget the site-days pending recovery")
            boolean forget,
            @Mixin HelpOption help, @Mixin ConfigOption config) {
        Store state = store(config);
        if (state == null) {
            return Failures.USAGE;
        }
        LocalDate yesterday = LocalDate.now(context.clock().withZone(SourceConfig.ZONE)).minusDays(1);
        if (date.isAfter(yesterday)) {
            throw new ParameterException(spec.subcommands().get("set"), "offset " + date + " is after yesterday ("
                    + yesterday + "); days that have not happened cannot be delivered");
        }
        PrintStream err = context.err();
        String where = state.where();
        // One conditional write of what was just read: a run that commits in between makes it a conflict.
        Map<Map<String, Object>, Map<String, Object>> stored = state.offsets().readAll();
        Optional<LocalDate> before = Optional.ofNullable(SourceOffsets.lastPollDate(
                stored.get(SourceOffsets.PARTITION)));
        Map<Map<String, Object>, Map<String, Object>> moved = new LinkedHashMap<>();
        moved.put(Map.copyOf(SourceOffsets.PARTITION), SourceOffsets.moved(stored.get(SourceOffsets.PARTITION),
                date, forget));
        stored.forEach((partition, offset) -> {
            if (!SourceOffsets.PARTITION.equals(partition) && !(forget && RecoveryMemory.dayOf(partition) != null)) {
                moved.put(partition, offset);
            }
        });
        try {
            state.offsets().writeAll(moved);
        } catch (OffsetConflictException e) {
            err.println("error: " + e.getMessage() + " Nothing was changed; if a run is under way, let it"
                    + " finish (or stop it), then set the offset again.");
            return 1;
        }
        err.println(where + ": last_poll_date " + before.map(LocalDate::toString).orElse("(none)")
                + " -> " + date + "; the next run starts with " + date.plusDays(1));
        if (forget) {
            err.println(where + ": recovery's memory forgotten");
        } else {
            err.println("Recovery's memory (in " + where + ") is left as it is; add --forget-recovery to"
                    + " forget it");
        }
        return 0;
    }

    /** What recovery remembers without a warehouse: one line per pending site-day. */
    private static void showPending(Map<Map<String, Object>, Map<String, Object>> stored, String where,
                                    PrintStream out, PrintStream err) {
        RecoveryMemory memory = new RecoveryMemory();
        Map<String, Object> main = stored.get(SourceOffsets.PARTITION);
        if (main != null && main.get(RecoveryMemory.ALL_KEY) != null) {
            memory.restoreAll(main.get(RecoveryMemory.ALL_KEY).toString());
        } else {
            // As an earlier version kept it.
            stored.forEach((partition, offset) -> {
                LocalDate day = RecoveryMemory.dayOf(partition);
                if (day != null) {
                    memory.restore(day, offset);
                }
            });
        }
        List<String> pending = memory.describe();
        err.println(where + ": " + pending.size() + " site-day(s) pending recovery");
        pending.forEach(line -> out.println("pending " + line));
    }

    /** The sites drifting from the all-sites list, as the last run left them: one line per site. */
    private static void showDrift(Map<String, Object> main, String where, PrintStream out, PrintStream err) {
        Object text = main == null ? null : main.get(SourceOffsets.DRIFT_KEY);
        if (text == null) {
            return;
        }
        SiteDrift drift;
        try {
            drift = DriftText.read(text.toString());
        } catch (StoredStateException e) {
            err.println(where + ": " + e.getMessage() + "; the next run starts it afresh");
            return;
        }
        err.println(where + ": site drift: " + drift.newCount() + " new site(s), " + drift.goneCount()
                + " gone site(s); update the all-sites list to match ShopperTrak");
        drift.newSites().forEach(site -> out.println("drift new " + site));
        drift.goneSites().forEach(site -> out.println("drift gone " + site));
    }

    private static String json(Map<String, Object> offset) {
        try {
            return JSON.writeValueAsString(offset);
        } catch (JsonProcessingException e) {
            return offset.toString();
        }
    }
}
