package org.locationvisits.shoppertrak;

import java.util.List;

/** One HTTP exchange with ShopperTrak, classified; the client decides what to do with it. */
sealed interface Attempt {
    /** @param raw the answer kept for the data lake, or null when the client does not keep answers */
    record Data(List<TrafficRow> rows, ParseWarnings warnings, RawAnswer raw) implements Attempt { }

    record ApiError(String code, String description) implements Attempt { }

    record Transient(String reason) implements Attempt { }

    record Fatal(String reason) implements Attempt { }

    record Unauthorized(int status) implements Attempt { }
}
