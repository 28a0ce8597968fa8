package org.locationvisits.shoppertrak;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Notices a (site, orbit, increment start) that occurred before in one answer. ShopperTrak reports
 * local times, so on the DST fall-back day 01:00-01:45 comes twice. Keys are kept per site (a few
 * hundred), not per answer, so a 50 MB answer costs no more memory than a small one.
 */
final class RepeatedKeys {
    private final Set<Long> siteKeys = new HashSet<>(512);
    private final Map<String, Integer> startIds = new HashMap<>(256);

    /** The rows that follow belong to another site. */
    void newSite() {
        siteKeys.clear();
    }

    /** Records the key and tells whether this site had it before. */
    boolean seenBefore(Integer orbit, String incrementStart) {
        Integer startId = startIds.computeIfAbsent(incrementStart, k -> startIds.size());
        long key = ((long) (orbit == null ? -1 : orbit) << 32) | startId;
        return !siteKeys.add(key);
    }
}
