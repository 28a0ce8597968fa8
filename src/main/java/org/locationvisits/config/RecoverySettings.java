package org.locationvisits.config;

import static org.locationvisits.config.Setting.*;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The main job's view of the variables the Python poller grew in v1.x: the warehouse (hours, closures, what
 * to recover), the all-sites list, the data-lake copy, the location calendar for users without a warehouse,
 * and BAD_POLL_DATES. Declared in {@link Setting}; {@link #toString()} never shows the warehouse password.
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

    private static final List<Setting> SETTINGS = List.of(REDSHIFT_DB_HOST, REDSHIFT_DB_PORT, REDSHIFT_DB_NAME,
            REDSHIFT_DB_USER, REDSHIFT_DB_PASSWORD, REDSHIFT_DB_SSLMODE, IGNORE_UPDATE, LOCATION_CALENDAR,
            ALL_SITES_S3_BUCKET, ALL_SITES_S3_RESOURCE, DATA_LAKE_S3_BUCKET, DATA_LAKE_S3_PATH, BAD_POLL_DATES,
            SHOPPERTRAK_DAILY_CALL_LIMIT);

    @SuppressWarnings("unchecked")
    static RecoverySettings of(Map<Setting, Object> values) {
        return new RecoverySettings((String) values.get(REDSHIFT_DB_HOST), (Integer) values.get(REDSHIFT_DB_PORT),
                (String) values.get(REDSHIFT_DB_NAME), (String) values.get(REDSHIFT_DB_USER),
                (String) values.get(REDSHIFT_DB_PASSWORD), (String) values.get(REDSHIFT_DB_SSLMODE),
                (Boolean) values.get(IGNORE_UPDATE), (String) values.get(LOCATION_CALENDAR),
                (String) values.get(ALL_SITES_S3_BUCKET), (String) values.get(ALL_SITES_S3_RESOURCE),
                (String) values.get(DATA_LAKE_S3_BUCKET), (String) values.get(DATA_LAKE_S3_PATH),
                (List<LocalDate>) values.get(BAD_POLL_DATES), (Integer) values.get(SHOPPERTRAK_DAILY_CALL_LIMIT));
    }

    /** The rules between these variables: a warehouse needs its login, the all-sites list bucket and key. */
    static void check(EnvReader in, Purpose purpose) {
        if (in.optional(REDSHIFT_DB_HOST).isPresent() && purpose.uses(REDSHIFT_DB_HOST)) {
            in.required(REDSHIFT_DB_NAME, "the warehouse database (REDSHIFT_DB_HOST is set)");
            in.required(REDSHIFT_DB_USER, "the warehouse user (REDSHIFT_DB_HOST is set)");
            in.required(REDSHIFT_DB_PASSWORD, "the warehouse password (REDSHIFT_DB_HOST is set)");
        }
        in.check(in.optional(ALL_SITES_S3_BUCKET).isEmpty() == in.optional(ALL_SITES_S3_RESOURCE).isEmpty(),
                "ALL_SITES_S3_BUCKET and ALL_SITES_S3_RESOURCE go together: set both (the all-sites list) or neither");
    }

    @Override
    public String toString() {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        Object[] fields = {redshiftHost, redshiftPort, redshiftName, redshiftUser, redshiftPassword, redshiftSslMode,
            ignoreUpdate, locationCalendar, allSitesBucket, allSitesResource, dataLakeBucket, dataLakePath,
            badPollDates, dailyCallLimit};
        for (int i = 0; i < fields.length; i++) {
            values.put(SETTINGS.get(i), fields[i]);
        }
        return SettingsLine.of(values);
    }
}
