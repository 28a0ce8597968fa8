package org.locationvisits.avro;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way a visit's key is made, wherever it goes: the Kinesis partition key, the Connect record key of the
 * source connector, the key the sink and a replay send. It is {@code <site>|<orbit>|<increment_start>} whenever
 * that fits Kinesis's 256 characters. A longer one (a site ID of about 230 characters or more) would be refused
 * by Kinesis on every attempt and hold its day back for ever, so the site ID in it is replaced by its first
 * {@value #READABLE_CHARS} characters, {@code ~} and the SHA-256 of the whole site ID in hex: the same row always
 * gets the same key, long IDs that differ anywhere get different keys, and the key stays readable. The record's
 * value keeps the full site ID. Should even that not fit (an increment start of unexpected length), the key is
 * the SHA-256 of the whole plain key.
 */
public final class PartitionKey {
    /** Kinesis's limit, in characters. */
    public static final int MAX_CHARS = 256;
    /** How much of a shortened site ID stays readable. */
    static final int READABLE_CHARS = 64;

    private PartitionKey() {
    }

    public static String of(String siteId, Integer orbit, String incrementStart) {
        String rest = "|" + orbit + "|" + incrementStart;
        String plain = siteId + rest;
        // Kinesis counts Unicode characters; UTF-16 units are never fewer, and the forwarder checks those, so a key
        // that fits here fits both. For the ASCII site IDs ShopperTrak uses the two counts are the same.
        if (plain.length() <= MAX_CHARS) {
            return plain;
        }
        String shortened = readablePart(siteId) + "~" + sha256(siteId) + rest;
        return shortened.length() <= MAX_CHARS ? shortened : sha256(plain);
    }

    /** The site ID's first characters, one fewer if the last would be half of a surrogate pair. */
    private static String readablePart(String siteId) {
        int end = Math.min(READABLE_CHARS, siteId.length());
        if (end > 0 && Character.isHighSurrogate(siteId.charAt(end - 1))) {
            end--;
        }
        return siteId.substring(0, end);
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
