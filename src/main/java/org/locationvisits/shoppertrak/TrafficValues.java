package org.locationvisits.shoppertrak;

/**
 * Hand-written parsing of the small values in a traffic document. They are parsed about
 * 100 times per entrance per day, so no regex and no exceptions on the normal path.
 */
final class TrafficValues {
    private TrafficValues() {
    }

    /**
     * The entrance number: the name with leading E, P and spaces removed, as an int
     * ("EP 01" → 1, " EP02 " → 2). Null when what is left is not a number.
     */
    static Integer orbit(String entranceName) {
        if (entranceName == null) {
            return null;
        }
        int start = 0;
        int end = entranceName.length();
        while (start < end && isOrbitPrefix(entranceName.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(entranceName.charAt(end - 1))) {
            end--;
        }
        return digits(entranceName, start, end, false);
    }

    // Lower case is accepted too: a hand-typed "ep 3" means entrance 3 just as "EP 3" does.
    private static boolean isOrbitPrefix(char c) {
        return c == 'E' || c == 'P' || c == 'e' || c == 'p' || Character.isWhitespace(c);
    }

    /** An enters/exits count, trimmed; null when blank or not an integer. */
    static Integer count(String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim();
        return digits(v, 0, v.length(), true);
    }

    /**
     * {@code prefix} ({@code YYYY-MM-DDT}) plus {@code HH:MM:SS} from an {@code HHMMSS} start
     * time; null when the start time is not a valid time of day.
     */
    static String incrementStart(String prefix, String startTime) {
        String t = startTime == null ? "" : startTime.trim();
        if (t.length() != 6) {
            return null;
        }
        Integer hhmmss = digits(t, 0, 6, false);
        if (hhmmss == null || hhmmss / 10000 > 23 || hhmmss / 100 % 100 > 59 || hhmmss % 100 > 59) {
            return null;
        }
        return new StringBuilder(prefix.length() + 8).append(prefix)
                .append(t, 0, 2).append(':').append(t, 2, 4).append(':').append(t, 4, 6).toString();
    }

    /** The decimal integer in s[start, end), or null when it is empty, not digits or overflows. */
    private static Integer digits(String s, int start, int end, boolean allowSign) {
        boolean negative = false;
        if (allowSign && start < end && (s.charAt(start) == '-' || s.charAt(start) == '+')) {
            negative = s.charAt(start) == '-';
            start++;
        }
        if (start >= end) {
            return null;
        }
        if (end - start > 9) {
            // Too long for the overflow-free fast path; rare enough to let the JDK decide.
            try {
                return Integer.valueOf(Integer.parseInt(s.substring(start, end)) * (negative ? -1 : 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
