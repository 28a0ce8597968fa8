package org.locationvisits.shoppertrak;

import java.nio.charset.StandardCharsets;

/**
 * Encodes a site ID for {@code site/{id}} exactly as today's poller does with Python's
 * {@code urllib.parse.quote(id)}: letters, digits, {@code _.-~} and {@code /} as they are, every other
 * character as %XX of its UTF-8 bytes. That form is the one proven against the real API; OkHttp's own
 * path encoding leaves {@code ' & + ; , = ( )} as they are, which ShopperTrak was never sent.
 */
final class SitePath {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SitePath() {
    }

    /** The site ID as {@code quote(id)} with {@code safe='/'} gives it. */
    static String quote(String siteId) {
        StringBuilder out = new StringBuilder(siteId.length() + 16);
        for (byte b : siteId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isSafe(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-' || c == '~' || c == '/';
    }
}
