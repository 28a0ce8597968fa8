package org.locationvisits.source;

import java.util.List;
import java.util.Optional;

import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.recovery.RecoveryLedger;

/**
 * What the task works with besides its settings: ShopperTrak, the record generation, the location calendar,
 * the recovery ledger (the warehouse), the all-sites list and the data-lake copy. Built once per task start.
 */
public interface SourceServices extends AutoCloseable {
    ShopperTrakApi shopperTrak();

    /** The generation of records to emit, decided by the schema in use. */
    RecordGeneration generation();

    /** Hours and closures; loaded at start. */
    LocationCalendar calendar();

    /** The warehouse recovery plans from; empty: the task's own memory (see RecoveryMemory). */
    Optional<RecoveryLedger> ledger();

    /** The all-sites list, read anew for each recovery; empty when none is configured. */
    List<String> allSites();

    /** Where raw answers are copied; empty when no data-lake bucket is set. */
    Optional<DataLakeArchive> dataLake();

    @Override
    default void close() {
        shopperTrak().close();
    }
}
