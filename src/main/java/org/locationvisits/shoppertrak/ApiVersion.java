package org.locationvisits.shoppertrak;

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
}
