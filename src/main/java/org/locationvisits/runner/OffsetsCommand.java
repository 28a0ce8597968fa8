package org.locationvisits.runner;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.offsets.S3PartitionOffsets;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.source.SourceConfig;

/**
 * {@code offsets show} and {@code offsets set YYYY-MM-DD}: look at or move the S3 state of the main job,
 * e.g. to reprocess days (the next run starts the day after the date set).
 */
final class OffsetsCommand {
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
        S3PartitionOffsets partitions = new S3PartitionOffsets(aws.s3(), settings.s3Bucket(), settings.s3Resource());
        String where = "s3://" + settings.s3Bucket() + "/" + settings.s3Resource();
        switch (action) {
            case "show" -> {
                Optional<LocalDate> stored = store.read();
                out.println(stored.map(d -> "{\"last_poll_date\": \"" + d + "\"}").orElse("null"));
                err.println(stored.map(d -> where + ": the next run starts with " + d.plusDays(1))
                        .orElse(where + " holds no offset yet: the next run starts after LAST_POLL_DATE"));
                showPending(partitions, out, err);
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
                // read() first: the write is conditional on the state read, so a concurrent run is detected.
                Optional<LocalDate> before = store.read();
                store.write(date);
                err.println(where + ": last_poll_date " + before.map(LocalDate::toString).orElse("(none)")
                        + " -> " + date + "; the next run starts with " + date.plusDays(1));
                if (parsed.flag("forget-recovery")) {
                    partitions.write(Map.of());
                    err.println(partitions.location() + ": recovery's memory forgotten");
                } else {
                    err.println("Recovery's memory (" + partitions.location() + ") is left as it is; add "
                            + "--forget-recovery to forget it");
                }
                return 0;
            }
            default -> throw new UsageException("unknown offsets action '" + action + "'; use show or set");
        }
    }

    /** What recovery remembers without a warehouse: one line per pending site-day. */
    private static void showPending(S3PartitionOffsets partitions, PrintStream out, PrintStream err) {
        RecoveryMemory memory = new RecoveryMemory();
        partitions.read().forEach((partition, offset) -> {
            LocalDate day = RecoveryMemory.dayOf(partition);
            if (day != null) {
                memory.restore(day, offset);
            }
        });
        List<String> pending = memory.describe();
        err.println(partitions.location() + ": " + pending.size() + " site-day(s) pending recovery");
        pending.forEach(line -> out.println("pending " + line));
    }

    private static LocalDate parse(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("offset must be YYYY-MM-DD, got '" + value + "'");
        }
    }
}
