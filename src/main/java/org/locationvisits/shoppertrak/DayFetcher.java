package org.locationvisits.shoppertrak;

import java.time.LocalDate;

import org.locationvisits.shoppertrak.DayResult;

/** Asks ShopperTrak for every site's rows of one day. */
@FunctionalInterface
public interface DayFetcher {
    DayResult fetch(LocalDate day);
}
