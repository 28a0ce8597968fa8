package org.locationvisits.recovery;

import java.util.List;
import java.util.Optional;

import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.shoppertrak.ShopperTrakApi;

/** What recovery works with: ShopperTrak, the calendar, the warehouse, the all-sites list and the data lake. */
public interface RecoveryServices {
    ShopperTrakApi shopperTrak();

    /** Hours and closures; loaded at start. */
    LocationCalendar calendar();

    /** The warehouse recovery plans from; empty: the task's own memory (see RecoveryMemory). */
    Optional<RecoveryLedger> ledger();

    /** The all-sites list, read anew for each recovery; empty when none is configured. */
    List<String> allSites();

    /** Where raw answers are copied; empty when no data-lake bucket is set. */
    Optional<DataLakeArchive> dataLake();
}
