package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.CallGate;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * The recovery state a task keeps with its offsets: its own memory of what needs recovery and today's call count
 * against the daily budget, plus the keys of other parts that ride with the main offset. Kept apart from passes so
 * that what is stored, and how it is read back, lives in one place.
 */
final class CycleState {
    private final RecoveryMemory memory = new RecoveryMemory();
    private final CallBudget budget;
    /** Keys of other parts of the task that ride with the main offset too (the site drift). */
    private Supplier<Map<String, Object>> alsoCarried = Map::of;

    CycleState(int dailyCallLimit) {
        this.budget = new CallBudget(dailyCallLimit);
    }

    RecoveryMemory memory() {
        return memory;
    }

    CallBudget budget() {
        return budget;
    }

    /** See {@link RecoveryCycle#restore}. */
    void restore(OffsetStorageReader reader, LocalDate pollDate) {
        Map<String, Object> main = reader.offset(SourceOffsets.PARTITION);
        if (main != null && main.get(RecoveryMemory.ALL_KEY) != null) {
            memory.restoreAll(main.get(RecoveryMemory.ALL_KEY).toString());
        } else {
            // Kept by earlier versions in partitions of their own.
            for (LocalDate day = pollDate.minusDays(RecoveryCycle.DAYS); day.isBefore(pollDate);
                    day = day.plusDays(1)) {
                memory.restore(day, reader.offset(RecoveryMemory.partition(day)));
            }
        }
        if (!budget.restoreFromMain(main)) {
            budget.restore(reader.offset(CallBudget.PARTITION));
        }
    }

    /** See {@link RecoveryCycle#state}. */
    Map<String, Object> state(LocalDate today) {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        keys.put(RecoveryMemory.ALL_KEY, memory.snapshot(today.minusDays(RecoveryCycle.DAYS)));
        budget.putInto(keys, today);
        keys.putAll(alsoCarried.get());
        return keys;
    }

    void carryAlso(Supplier<Map<String, Object>> keys) {
        alsoCarried = keys;
    }

    /** See {@link RecoveryCycle#dayPolled}; {@code sites} is the all-sites list of this pass. */
    Map<String, Object> dayPolled(LocalDate day, List<TrafficRow> rows, List<String> sites, LocalDate today,
                                  java.util.function.Predicate<TrafficRow> delivered) {
        memory.rememberResumedDay(day, rows, sites, delivered);
        return state(today);
    }

    /** Today's call count as keys of the main offset, as it stands now. */
    Map<String, Object> calls(LocalDate today) {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        budget.putInto(keys, today);
        return java.util.Collections.unmodifiableMap(keys);
    }

    java.util.Set<String> missingOn(LocalDate day) {
        return memory.missingOn(day);
    }

    int callsMade(LocalDate today) {
        return budget.used(today);
    }

    void spent(LocalDate today, int calls) {
        budget.spent(today, calls);
    }

    boolean allowsCall(LocalDate today) {
        return budget.allows(today);
    }

    CallGate callGate(Supplier<LocalDate> today) {
        return budget.gate(today);
    }

    String budgetLine(LocalDate today) {
        return budget.describe(today);
    }
}
