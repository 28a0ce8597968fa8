package org.locationvisits.shoppertrak;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import okhttp3.HttpUrl;

/** ShopperTrak API versions; they differ in query parameters and the entrance attribute name. */
public enum ApiVersion {
    V1, V2;

    public static ApiVersion parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "v1", "1" -> V1;
            case "v2", "2" -> V2;
            default -> throw new IllegalArgumentException(
                    "SHOPPERTRAK_API_VERSION must be v1 or v2, got '" + value + "'");
        };
    }

    /**
     * The API version a base URL names: {@code /v2.0/} or {@code /v2/} in its path means v2,
     * {@code /v1.0/} or {@code /v1/} v1; anything else (or no URL at all) is empty. For when
     * SHOPPERTRAK_API_VERSION is not set.
     */
    public static Optional<ApiVersion> fromBaseUrl(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            return Optional.empty();
        }
        for (String segment : parsed.pathSegments()) {
            switch (segment.toLowerCase(java.util.Locale.ROOT)) {
                case "v1", "v1.0" -> {
                    return Optional.of(V1);
                }
                case "v2", "v2.0" -> {
                    return Optional.of(V2);
                }
                default -> { }
            }
        }
        return Optional.empty();
    }

    /** The query of a one-day request in 15-minute increments, in the order ShopperTrak documents it. */
    public Map<String, String> queryParameters(LocalDate date) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("date", date.format(DateTimeFormatter.BASIC_ISO_DATE));
        query.put("increment", "15");
        if (this == V1) {
            query.put("total_property", "N");
        } else {
            query.put("total_property_only", "false");
            query.put("detail", "entrance");
        }
        return query;
    }

    /** The attribute of {@code <entrance>} that carries the entrance name. */
    public String entranceAttribute() {
        return this == V1 ? "name" : "entranceName";
    }
}
