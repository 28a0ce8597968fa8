package org.locationvisits.shoppertrak;

/**
 * Makes text that came from the API safe for one log line: CR, LF, tab and other control characters
 * become visible escapes, so an error description or a site ID cannot forge or split log lines.
 */
public final class LogText {
    private LogText() {
    }

    /** The text with {@code \r}, {@code \n}, {@code \t} and other control characters escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            default:
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
