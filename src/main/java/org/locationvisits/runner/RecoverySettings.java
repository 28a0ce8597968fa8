package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.locationvisits.source.DropInConfig;

/**
 * The variables the Python poller grew in v1.x: the warehouse (hours, closures, what to recover), the
 * all-sites list, the data-lake copy, the location calendar for users without a warehouse, and
 * BAD_POLL_DATES. {@link #toString()} never shows the warehouse password.
 */
public record RecoverySettings(
        String redshiftHost,
        int redshiftPort,
        String redshiftName,
        String redshiftUser,
        String redshiftPassword,
        String redshiftSslMode,
        boolean ignoreUpdate,
        String locationCalendar,
        String allSitesBucket,
        String allSitesResource,
        String dataLakeBucket,
        String dataLakePath,
        List<LocalDate> badPollDates,
        int dailyCallLimit) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RecoverySettings from(EnvReader in, Purpose purpose) {
        String host = in.string("REDSHIFT_DB_HOST", "");
        boolean warehouse = !host.isEmpty() && purpose.uses("REDSHIFT_DB_HOST");
        String sslMode = in.string("REDSHIFT_DB_SSLMODE", "require");
        in.check(DropInConfig.SSL_MODES.contains(sslMode), "REDSHIFT_DB_SSLMODE must be one of "
                + String.join(", ", DropInConfig.SSL_MODES) + " (libpq's values), got '" + sslMode + "'");
        String allSitesBucket = in.string("ALL_SITES_S3_BUCKET", "");
        String allSitesResource = in.string("ALL_SITES_S3_RESOURCE", "");
        in.check(allSitesBucket.isEmpty() == allSitesResource.isEmpty(), "ALL_SITES_S3_BUCKET and "
                + "ALL_SITES_S3_RESOURCE go together: set both (the all-sites list) or neither");
        return new RecoverySettings(
                host,
                in.integer("REDSHIFT_DB_PORT", 5439, 1, 65_535),
                warehouse ? in.required("REDSHIFT_DB_NAME", "the warehouse database (REDSHIFT_DB_HOST is set)")
                        : in.string("REDSHIFT_DB_NAME", ""),
                warehouse ? in.required("REDSHIFT_DB_USER", "the warehouse user (REDSHIFT_DB_HOST is set)")
                        : in.string("REDSHIFT_DB_USER", ""),
                warehouse ? in.requiredSecret("REDSHIFT_DB_PASSWORD", "the warehouse password (REDSHIFT_DB_HOST is set)")
                        : in.string("REDSHIFT_DB_PASSWORD", ""),
                sslMode,
                in.bool("IGNORE_UPDATE", false),
                in.string("LOCATION_CALENDAR", ""),
                allSitesBucket,
                allSitesResource,
                in.string("DATA_LAKE_S3_BUCKET", ""),
                in.string("DATA_LAKE_S3_PATH", ""),
                dates(in, "BAD_POLL_DATES"),
                in.integer("SHOPPERTRAK_DAILY_CALL_LIMIT", 0, 0, 1_000_000));
    }

    /** A JSON array (["2026-03-08"]) or comma-separated dates; a YAML list reaches here as a JSON array. */
    static List<LocalDate> dates(EnvReader in, String name) {
        Optional<String> value = in.optional(name);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        String text = value.get();
        if (text.startsWith("[")) {
            try {
                JsonNode array = JSON.readTree(text);
                for (JsonNode item : array) {
                    items.add(item.isTextual() ? item.textValue() : item.toString());
                }
            } catch (java.io.IOException e) {
                in.check(false, name + " must be a JSON array of dates (e.g. [\"2026-03-08\"]) or comma-separated "
                        + "dates, got '" + text + "'");
                return List.of();
            }
        } else {
            items.addAll(List.of(text.split(",")));
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (String item : items) {
            try {
                dates.add(LocalDate.parse(item.strip()));
            } catch (java.time.format.DateTimeParseException e) {
                in.check(false, name + " must list dates as YYYY-MM-DD (a YAML list, a JSON array or comma-"
                        + "separated), e.g. 2026-03-08; '" + item.strip() + "' is not one");
            }
        }
        return List.copyOf(dates);
    }

    /** The same settings as the source connector's configuration. */
    void addConnectorProps(Map<String, String> props, boolean dryRun) {
        props.put(DropInConfig.WAREHOUSE_HOST_CONFIG, redshiftHost);
        props.put(DropInConfig.WAREHOUSE_PORT_CONFIG, Integer.toString(redshiftPort));
        props.put(DropInConfig.WAREHOUSE_DATABASE_CONFIG, redshiftName);
        props.put(DropInConfig.WAREHOUSE_USER_CONFIG, redshiftUser);
        props.put(DropInConfig.WAREHOUSE_PASSWORD_CONFIG, redshiftPassword);
        props.put(DropInConfig.WAREHOUSE_SSLMODE_CONFIG, redshiftSslMode);
        // A dry run sends nothing, so nothing has replaced the old rows.
        props.put(DropInConfig.WAREHOUSE_UPDATE_CONFIG, Boolean.toString(!ignoreUpdate && !dryRun));
        props.put(DropInConfig.CALENDAR_CONFIG, locationCalendar);
        props.put(DropInConfig.ALL_SITES_BUCKET_CONFIG, allSitesBucket);
        props.put(DropInConfig.ALL_SITES_RESOURCE_CONFIG, allSitesResource);
        // A dry run delivers nothing, so an archived answer would count (report) and re-send (replay) rows that
        // never reached the stream.
        props.put(DropInConfig.DATA_LAKE_BUCKET_CONFIG, dryRun ? "" : dataLakeBucket);
        props.put(DropInConfig.DATA_LAKE_PATH_CONFIG, dataLakePath);
        props.put(DropInConfig.DAILY_CALL_LIMIT_CONFIG, Integer.toString(dailyCallLimit));
        props.put(DropInConfig.BAD_POLL_DATES_CONFIG, String.join(",", badPollDates.stream().map(LocalDate::toString)
                .toList()));
    }

    @Override
    public String toString() {
        return "warehouse=" + (redshiftHost.isEmpty() ? "(none: recovery plans from the task's own memory)" : redshiftUser + "@" + redshiftHost + ":"
                + redshiftPort + "/" + redshiftName + " sslmode=" + redshiftSslMode + " password=[hidden]")
                + ", ignoreUpdate=" + ignoreUpdate + ", locationCalendar=" + locationCalendar
                + ", allSites=" + (allSitesBucket.isEmpty() ? "" : "s3://" + allSitesBucket + "/" + allSitesResource)
                + ", dataLake=" + (dataLakeBucket.isEmpty() ? "" : "s3://" + dataLakeBucket + "/" + dataLakePath)
                + ", badPollDates=" + badPollDates + ", dailyCallLimit=" + (dailyCallLimit == 0 ? "none" : dailyCallLimit);
    }
}
