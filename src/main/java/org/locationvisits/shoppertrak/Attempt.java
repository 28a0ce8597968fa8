package org.locationvisits.shoppertrak;

import java.util.List;

/** One HTTP exchange with ShopperTrak, classified; the client decides what to do with it. */
sealed interface Attempt {
    /** @param raw the answer kept for the data lake, or null when the client does not keep answers */
    record Data(List<TrafficRow> rows, ParseWarnings warnings, RawAnswer raw) implements Attempt { }

    record ApiError(String code, String description) implements Attempt { }

    record Transient(String reason) implements Attempt { }

    /** @param aboutTheDay true for an answer whose data fails the day (malformed, another date); false for a refused request */
    record Fatal(String reason, boolean aboutTheDay) implements Attempt { }

    record Unauthorized(int status) implements Attempt { }
}
