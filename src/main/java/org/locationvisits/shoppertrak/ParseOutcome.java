package org.locationvisits.shoppertrak;

/** What a ShopperTrak response body turned out to be: traffic rows, or an API error message. */
public sealed interface ParseOutcome {

    /** A traffic document; every row was handed to the consumer. */
    record Parsed(int rows, ParseWarnings warnings) implements ParseOutcome { }

    /** A {@code <message><error>CODE</error><description>..</description></message>} body. */
    record ApiError(String code, String description) implements ParseOutcome { }
}
