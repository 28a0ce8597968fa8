package org.locationvisits.source;

import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings the Python poller grew after 2024 (v1.x): warehouse, location calendar, all-sites list,
 * data-lake copy, bad poll dates. Declared here and added to {@link SourceConfig#CONFIG_DEF}; each names
 * the environment variable the main job reads it from.
 */
public final class DropInConfig {
    public static final String GROUP_RECOVERY = "Recovery and calendar";
    public static final String GROUP_AWS = "AWS";

    public static final String BAD_POLL_DATES_CONFIG = "bad.poll.dates";
    public static final String WAREHOUSE_HOST_CONFIG = "warehouse.host";
    public static final String WAREHOUSE_PORT_CONFIG = "warehouse.port";
    public static final String WAREHOUSE_DATABASE_CONFIG = "warehouse.database";
    public static final String WAREHOUSE_USER_CONFIG = "warehouse.user";
    public static final String WAREHOUSE_PASSWORD_CONFIG = "warehouse.password";
    public static final String WAREHOUSE_SSLMODE_CONFIG = "warehouse.sslmode";
    public static final String WAREHOUSE_UPDATE_CONFIG = "warehouse.mark.stale";
    public static final String CALENDAR_CONFIG = "location.calendar";
    public static final String ALL_SITES_BUCKET_CONFIG = "all.sites.s3.bucket";
    public static final String ALL_SITES_RESOURCE_CONFIG = "all.sites.s3.resource";
    public static final String DATA_LAKE_BUCKET_CONFIG = "data.lake.s3.bucket";
    public static final String DATA_LAKE_PATH_CONFIG = "data.lake.s3.path";
    public static final String AWS_REGION_CONFIG = "aws.region";
    public static final String SITES_CONFIG = "shoppertrak.sites";
    public static final String DAILY_CALL_LIMIT_CONFIG = "shoppertrak.daily.call.limit";

    public static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    private DropInConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(BAD_POLL_DATES_CONFIG, Type.LIST, "", DATES, Importance.LOW,
                        "Days (YYYY-MM-DD) on which ShopperTrak is known to fail (BAD_POLL_DATES): a failure on "
                                + "one is a warning, the day is skipped and its sites count as missing for recovery.",
                        GROUP_RECOVERY, ++order, Width.LONG, "Bad poll dates")
                .define(WAREHOUSE_HOST_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "Warehouse (Redshift or PostgreSQL) host (REDSHIFT_DB_HOST). Set: hours and closures come "
                                + "from it and recovery runs after each daily poll. Empty: no recovery.",
                        GROUP_RECOVERY, ++order, Width.LONG, "Warehouse host")
                .define(WAREHOUSE_PORT_CONFIG, Type.INT, 5439, ConfigDef.Range.between(1, 65_535), Importance.LOW,
                        "Warehouse port (REDSHIFT_DB_PORT).", GROUP_RECOVERY, ++order, Width.SHORT, "Warehouse port")
                .define(WAREHOUSE_DATABASE_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "Warehouse database (REDSHIFT_DB_NAME). Outside 'production' every table name gets "
                                + "_<name> appended (location_visits_qa).",
                        GROUP_RECOVERY, ++order, Width.MEDIUM, "Warehouse database")
                .define(WAREHOUSE_USER_CONFIG, Type.STRING, "", Importance.MEDIUM, "Warehouse user (REDSHIFT_DB_USER).",
                        GROUP_RECOVERY, ++order, Width.MEDIUM, "Warehouse user")
                .define(WAREHOUSE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
                        "Warehouse password (REDSHIFT_DB_PASSWORD). Never logged.",
                        GROUP_RECOVERY, ++order, Width.MEDIUM, "Warehouse password")
                .define(WAREHOUSE_SSLMODE_CONFIG, Type.STRING, "require", ConfigDef.ValidString.in(
                                SSL_MODES.toArray(new String[0])), Importance.LOW,
                        "libpq SSL mode of the warehouse connection (REDSHIFT_DB_SSLMODE): 'require' as Redshift "
                                + "expects, 'disable' for a local database.",
                        GROUP_RECOVERY, ++order, Width.SHORT, "Warehouse SSL mode")
                .define(WAREHOUSE_UPDATE_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Mark warehouse rows replaced by recovered ones as not fresh (false: IGNORE_UPDATE=true).",
                        GROUP_RECOVERY, ++order, Width.SHORT, "Mark stale rows")
                .define(CALENDAR_CONFIG, Type.STRING, "", Importance.LOW,
                        "Regular hours and full-day closures as a JSON or YAML document, a file path or "
                                + "s3://bucket/key (LOCATION_CALENDAR); used when no warehouse is set.",
                        GROUP_RECOVERY, ++order, Width.LONG, "Location calendar")
                .define(ALL_SITES_BUCKET_CONFIG, Type.STRING, "", Importance.LOW,
                        "Bucket of the all-sites list, a JSON array of site IDs (ALL_SITES_S3_BUCKET): sites absent "
                                + "from a day's answer are recovered.", GROUP_RECOVERY, ++order, Width.MEDIUM,
                        "All-sites bucket")
                .define(ALL_SITES_RESOURCE_CONFIG, Type.STRING, "", Importance.LOW,
                        "Key of the all-sites list (ALL_SITES_S3_RESOURCE).", GROUP_RECOVERY, ++order, Width.MEDIUM,
                        "All-sites key")
                .define(DATA_LAKE_BUCKET_CONFIG, Type.STRING, "", Importance.LOW,
                        "Bucket for a byte-for-byte copy of every ShopperTrak answer that yields rows "
                                + "(DATA_LAKE_S3_BUCKET); empty: no copy.", GROUP_RECOVERY, ++order, Width.MEDIUM,
                        "Data-lake bucket")
                .define(DATA_LAKE_PATH_CONFIG, Type.STRING, "", Importance.LOW,
                        "Key prefix of the data-lake copy (DATA_LAKE_S3_PATH); answers go under "
                                + "<prefix>YYYY/MM/DD/.", GROUP_RECOVERY, ++order, Width.MEDIUM, "Data-lake path")
                .define(SITES_CONFIG, Type.LIST, "", Importance.LOW,
                        "The all-sites list as site IDs (a Connect alternative to all.sites.s3.*): sites absent from a "
                                + "day's answer are recovered.", GROUP_RECOVERY, ++order, Width.LONG, "All sites")
                .define(DAILY_CALL_LIMIT_CONFIG, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "ShopperTrak calls a New York day may take (SHOPPERTRAK_DAILY_CALL_LIMIT); the daily poll "
                                + "spends first, recovery stops before the rest is spent. 0: no budget.",
                        GROUP_RECOVERY, ++order, Width.SHORT, "Daily call budget")
                .define(AWS_REGION_CONFIG, Type.STRING, "us-east-1", Importance.LOW,
                        "AWS region of the S3 buckets above (AWS_REGION).", GROUP_AWS, 1, Width.SHORT, "AWS region");
    }

    public static final ConfigDef.Validator DATES = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    try {
                        LocalDate.parse(item.toString().trim());
                    } catch (RuntimeException e) {
                        throw new ConfigException(name, value, "every entry must be a date as YYYY-MM-DD, e.g. "
                                + "2026-03-08; '" + item + "' is not");
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated YYYY-MM-DD dates";
        }
    };
}
