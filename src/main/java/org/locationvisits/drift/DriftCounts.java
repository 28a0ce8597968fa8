package org.locationvisits.drift;

/**
 * How many sites drift from the reference as the task last saw it: the metrics {@code sites-new} and
 * {@code sites-gone} (EMF {@code SitesNew}, {@code SitesGone}).
 *
 * @param newSites  sites of the newest answer the all-sites list lacks (without a list: first seen that day)
 * @param goneSites sites of the list absent from the answers since they were found gone
 */
public record DriftCounts(int newSites, int goneSites) {
    public static final DriftCounts NONE = new DriftCounts(0, 0);
}
