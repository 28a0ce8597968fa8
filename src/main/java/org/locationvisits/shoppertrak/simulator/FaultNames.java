package org.locationvisits.shoppertrak.simulator;

/**
 * The faults' names as the admin endpoint and the command line give them: busy, down, quotaAfter,
 * dateMismatch, malformed, noTraffic, delayMs, http500, error, siteError ({@code siteId:CODE}), lateCorrections,
 * dripMs, oversizeBytes, extraSite, longSite (a length).
 */
final class FaultNames {
    private FaultNames() {
    }

    /** Sets one fault by name. */
    static void apply(Faults faults, String key, String value) {
        switch (key) {
            case "busy" -> faults.busy(Integer.parseInt(value));
            case "down" -> faults.down(Boolean.parseBoolean(value));
            case "quotaAfter" -> faults.quotaAfter(Integer.parseInt(value));
            case "dateMismatch" -> faults.dateMismatch(Boolean.parseBoolean(value));
            case "malformed" -> faults.malformed(Boolean.parseBoolean(value));
            case "noTraffic" -> faults.noTraffic(Boolean.parseBoolean(value));
            case "delayMs" -> faults.delayMillis(Long.parseLong(value));
            case "http500" -> faults.http500(Integer.parseInt(value));
            case "error" -> faults.error(value.isBlank() ? null : value);
            case "lateCorrections" -> faults.lateCorrections(Boolean.parseBoolean(value));
            case "dripMs" -> faults.dripMillis(Long.parseLong(value));
            case "oversizeBytes" -> faults.oversizeBytes(Long.parseLong(value));
            case "extraSite" -> faults.extraSite(value);
            case "longSite" -> faults.longSite(Integer.parseInt(value));
            case "siteError" -> {
                int colon = value.lastIndexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("siteError must be siteId:CODE, got '" + value + "'");
                }
                faults.siteError(value.substring(0, colon), value.substring(colon + 1));
            }
            default -> throw new IllegalArgumentException("Unknown fault '" + key + "'; known: busy, down, "
                    + "quotaAfter, dateMismatch, malformed, noTraffic, delayMs, http500, error, siteError, "
                    + "lateCorrections, dripMs, oversizeBytes, extraSite, longSite");
        }
    }
}
