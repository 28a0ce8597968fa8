package org.locationvisits.drift;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.common.StoredStateException;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.recovery.RecoveryCycle;
import org.locationvisits.shoppertrak.TrafficRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's side of {@link SiteDrift}: reads it back from the main offset, feeds it each polled day's answer
 * against the all-sites list recovery reads and the recovery memory's missing sites, says what is new in one WARN
 * line, and makes every record's offset carry it ({@link RecoveryCycle#carryAlso}), so it is stored only once the
 * day it saw is delivered, and a restart does not report again.
 */
public final class DriftWatch {
    private static final Logger log = LoggerFactory.getLogger(DriftWatch.class);

    private final SiteDrift drift;
    private final Supplier<List<String>> listed;
    private final Function<LocalDate, Set<String>> missingOn;
    private volatile DriftCounts counts;

    DriftWatch(SiteDrift drift, Supplier<List<String>> listed, Function<LocalDate, Set<String>> missingOn) {
        this.drift = drift;
        this.listed = listed;
        this.missingOn = missingOn;
        this.counts = new DriftCounts(drift.newCount(), drift.goneCount());
    }

    /** Reads the stored drift (none: a fresh one) and makes {@code recovery}'s state carry it from now on. */
    public static DriftWatch start(OffsetStorageReader offsets, RecoveryCycle recovery) {
        DriftWatch watch = new DriftWatch(restore(offsets.offset(SourceOffsets.PARTITION)), recovery::listedSites,
                recovery::missingOn);
        recovery.carryAlso(watch::state);
        return watch;
    }

    static SiteDrift restore(Map<String, Object> main) {
        Object text = main == null ? null : main.get(SourceOffsets.DRIFT_KEY);
        if (text == null) {
            return new SiteDrift();
        }
        try {
            return DriftText.read(text.toString());
        } catch (StoredStateException e) {
            // Only what was reported is lost: nothing is polled or sent differently. Drifting sites are reported again.
            log.warn("{}; it starts afresh, so sites drifting now are reported again", e.getMessage());
            return new SiteDrift();
        }
    }

    /** A polled day's answer: compares it, and says in one WARN line what drifts that was not reported before. */
    public synchronized void dayAnswered(LocalDate day, List<TrafficRow> rows) {
        Set<String> sites = new TreeSet<>();
        rows.forEach(row -> sites.add(row.siteId()));
        SiteDrift.Findings found = drift.dayAnswered(day, sites, listed.get(), missingOn);
        counts = new DriftCounts(drift.newCount(), drift.goneCount());
        if (!found.isEmpty()) {
            log.warn(line(found));
        }
    }

    /** The one WARN line of a day's findings: the site IDs, and the fix. */
    static String line(SiteDrift.Findings found) {
        StringBuilder line = new StringBuilder("Site drift on ").append(found.day()).append(found.againstList()
                ? ": " : " (no all-sites list: compared with the sites of the last " + SiteDrift.HISTORY_DAYS
                + " days' answers): ");
        String reference = found.againstList() ? "the all-sites list" : "the last days' answers";
        if (!found.newSites().isEmpty()) {
            line.append(found.newSites().size()).append(" new site(s) in ShopperTrak's answer but not in ")
                    .append(reference).append(": ").append(String.join(", ", found.newSites()));
        }
        if (!found.goneSites().isEmpty()) {
            line.append(found.newSites().isEmpty() ? "" : "; ").append(found.goneSites().size())
                    .append(" site(s) of ").append(reference).append(" gone (absent from ")
                    .append(SiteDrift.GONE_AFTER_DAYS).append(" answers in a row): ")
                    .append(String.join(", ", found.goneSites()));
        }
        return line.append(". Update the all-sites list (ALL_SITES_S3_BUCKET/ALL_SITES_S3_RESOURCE; on a Connect ")
                .append("worker shoppertrak.sites) to match ShopperTrak; each site is reported once").toString();
    }

    /** The offset key it rides in, as it stands now. */
    public synchronized Map<String, Object> state() {
        return Map.of(SourceOffsets.DRIFT_KEY, DriftText.write(drift));
    }

    /** For the metrics; any thread. */
    public DriftCounts counts() {
        return counts;
    }
}
