package org.locationvisits.source;

import java.util.List;
import java.util.Optional;

import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.shoppertrak.ShopperTrakApi;

/** Services given as they are, e.g. by tests or by a runner that built them itself. */
public record SimpleServices(ShopperTrakApi shopperTrak, RecordGeneration generation, LocationCalendar calendar,
                             Optional<RecoveryLedger> ledger, List<String> allSites,
                             Optional<DataLakeArchive> dataLake) implements SourceServices {

    /** Only ShopperTrak: first-generation records, no calendar, no recovery, no data-lake copy. */
    public static SimpleServices of(ShopperTrakApi api) {
        return new SimpleServices(api, RecordGeneration.FIRST, LocationCalendar.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    public SimpleServices withGeneration(RecordGeneration g) {
        return new SimpleServices(shopperTrak, g, calendar, ledger, allSites, dataLake);
    }

    public SimpleServices withCalendar(LocationCalendar c) {
        return new SimpleServices(shopperTrak, generation, c, ledger, allSites, dataLake);
    }

    public SimpleServices withRecovery(RecoveryLedger l, List<String> sites) {
        return new SimpleServices(shopperTrak, generation, calendar, Optional.of(l), sites, dataLake);
    }

    /** An all-sites list without a ledger: recovery runs from the task's own memory. */
    public SimpleServices withSites(List<String> sites) {
        return new SimpleServices(shopperTrak, generation, calendar, ledger, sites, dataLake);
    }
}
