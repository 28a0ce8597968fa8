package org.locationvisits.shoppertrak;

import java.time.LocalDate;

import org.locationvisits.shoppertrak.DayResult;

/** The two ShopperTrak endpoints the task asks: every site of a day, and one site of a day (recovery). */
public interface ShopperTrakApi extends AutoCloseable {
    DayResult allSites(LocalDate day);

    DayResult site(LocalDate day, String siteId);

    /** {@link #allSites(LocalDate)}, each HTTP call of it (retries included) only when {@code gate} allows it. */
    default DayResult allSites(LocalDate day, CallGate gate) {
        return gate.allows(0) ? allSites(day) : new DayResult.LimitReached(day, 0);
    }

    /** {@link #site(LocalDate, String)}, each HTTP call of it only when {@code gate} allows it. */
    default DayResult site(LocalDate day, String siteId, CallGate gate) {
        return gate.allows(0) ? site(day, siteId) : new DayResult.LimitReached(day, 0);
    }

    /** Cancels a call in flight and frees connections. */
    @Override
    default void close() {
    }

    /** Only the all-sites endpoint, e.g. a test's fetcher; recovery then finds no site endpoint. */
    static ShopperTrakApi allSitesOnly(DayFetcher fetcher) {
        return new ShopperTrakApi() {
            @Override
            public DayResult allSites(LocalDate day) {
                return fetcher.fetch(day);
            }

            @Override
            public DayResult site(LocalDate day, String siteId) {
                return new DayResult.Failed(day, "no site endpoint configured", 0);
            }
        };
    }
}
