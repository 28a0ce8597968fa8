package org.locationvisits.shoppertrak;

import java.time.Instant;

/**
 * A ShopperTrak answer byte for byte, gzip-compressed, kept for the data-lake copy.
 *
 * @param siteId    the site of a {@code site/{id}} answer; null for {@code allsites}
 * @param fetchedAt when the answer arrived
 * @param gzipped   the body exactly as received, gzip-compressed
 */
public record RawAnswer(String siteId, Instant fetchedAt, byte[] gzipped) {
    public String endpoint() {
        return siteId == null ? "allsites" : "site";
    }
}
