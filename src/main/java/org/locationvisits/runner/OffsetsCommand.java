package org.locationvisits.runner;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.offsets.OffsetConflictException;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.source.CallBudget;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.source.SourceOffsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code offsets show} and {@code offsets set YYYY-MM-DD}: look at or move the S3 state of the main job,
 * e.g. to reprocess days (the next run starts the day after the date set).
 */
final class OffsetsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OffsetsCommand() {
    }

    static int run(String[] args) {
        return run(args, System.getenv(), Wiring.Aws::forRegion, Clock.systemUTC(), System.out, System.err);
    }

    /** @param awsForRegion the AWS clients for the configured region; tests pass local stand-ins */
    static int run(String[] args, Map<String, String> env, Function<String, Wiring.Aws> awsForRegion, Clock clock,
                   PrintStream out, PrintStream err) {
        Args parsed = new Args(args, Set.of("config"), Set.of("forget-recovery"));
        if (parsed.positional().isEmpty()) {
            throw new UsageException("offsets needs 'show' or 'set YYYY-MM-DD'");
        }
        String action = parsed.positional().get(0);
        RunnerSettings settings = Wiring.settings(env, parsed.option("config"), Purpose.OFFSETS);
        if (settings.ignoreCache()) {
            err.println("error: IGNORE_CACHE=true, so there is no S3 state to show or set");
            return 2;
        }
        Wiring.Aws aws = awsForRegion.apply(settings.awsRegion());
        OffsetStore store = Wiring.offsets(settings, aws);
        String where = "s3://" + settings.s3Bucket() + "/" + settings.s3Resource();
        switch (action) {
            case "show" -> {
                Map<Map<String, Object>, Map<String, Object>> stored = store.readAll();
                Map<String, Object> main = stored.get(SourceOffsets.PARTITION);
                Optional<LocalDate> date = Optional.ofNullable(SourceOffsets.lastPollDate(main));
                Map<String, Object> shown = main == null ? null : new LinkedHashMap<>(main);
                if (shown != null) {
                    shown.keySet().removeAll(java.util.Set.of(RecoveryMemory.ALL_KEY, CallBudget.DAY_KEY,
                            CallBudget.CALLS_KEY));
                }
                out.println(shown == null ? "null" : json(shown));
                err.println(date.map(d -> where + ": the next run starts with " + d.plusDays(1))
                        .orElse(where + " holds no offset yet: the next run starts after LAST_POLL_DATE"));
                Map<String, Object> calls = main != null && main.get(CallBudget.DAY_KEY) != null
                        ? Map.of("day", main.get(CallBudget.DAY_KEY), "calls", main.get(CallBudget.CALLS_KEY))
                        : stored.get(Map.<String, Object>copyOf(CallBudget.PARTITION));
                if (calls != null) {
                    out.println("calls " + json(new java.util.TreeMap<>(calls)));
                }
                showPending(stored, where, out, err);
                return 0;
            }
            case "set" -> {
                if (parsed.positional().size() != 2) {
                    throw new UsageException("offsets set needs one date, YYYY-MM-DD");
                }
                LocalDate date = parse(parsed.positional().get(1));
                LocalDate yesterday = LocalDate.now(clock.withZone(SourceConfig.ZONE)).minusDays(1);
                if (date.isAfter(yesterday)) {
                    throw new UsageException("offset " + date + " is after yesterday (" + yesterday
                            + "); days that have not happened cannot be delivered");
                }
                boolean forget = parsed.flag("forget-recovery");
                // One conditional write of what was just read: a run that commits in between makes it a conflict.
                Map<Map<String, Object>, Map<String, Object>> stored = store.readAll();
                Optional<LocalDate> before = Optional.ofNullable(SourceOffsets.lastPollDate(
                        stored.get(SourceOffsets.PARTITION)));
                Map<Map<String, Object>, Map<String, Object>> moved = new LinkedHashMap<>();
                moved.put(Map.copyOf(SourceOffsets.PARTITION), SourceOffsets.moved(stored.get(SourceOffsets.PARTITION),
                        date, forget));
                stored.forEach((partition, offset) -> {
                    if (!SourceOffsets.PARTITION.equals(partition)
                            && !(forget && RecoveryMemory.dayOf(partition) != null)) {
                        moved.put(partition, offset);
                    }
                });
                try {
                    store.writeAll(moved);
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
            default -> throw new UsageException("unknown offsets action '" + action + "'; use show or set");
        }
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

    private static String json(Map<String, Object> offset) {
        try {
            return JSON.writeValueAsString(offset);
        } catch (JsonProcessingException e) {
            return offset.toString();
        }
    }

    private static LocalDate parse(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("offset must be YYYY-MM-DD, got '" + value + "'");
        }
    }
}
