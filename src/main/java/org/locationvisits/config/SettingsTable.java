package org.locationvisits.config;

/** PLACEHOLDER so the {@code settings} command compiles; the real table replaces this file at merge. */
public final class SettingsTable {
    private SettingsTable() {
    }

    public static String text() {
        return "";
    }

    public static String markdown() {
        return "";
    }
}
