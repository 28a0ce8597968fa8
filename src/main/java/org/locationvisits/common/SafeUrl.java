package org.locationvisits.common;

import okhttp3.HttpUrl;

/** A URL as it may be logged or printed: without user info, query and fragment, which may carry a secret. */
public final class SafeUrl {
    private SafeUrl() {
    }

    /** {@code setting} redacted when it is an http(s) URL; anything else as it is. */
    public static String of(String setting) {
        HttpUrl url = setting == null ? null : HttpUrl.parse(setting.strip());
        return url == null ? setting : of(url);
    }

    public static String of(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }
}
