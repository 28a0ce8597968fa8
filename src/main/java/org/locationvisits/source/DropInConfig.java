package org.locationvisits.source;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.locationvisits.config.ConnectorDefs;
import org.locationvisits.config.Setting;
import org.locationvisits.warehouse.WarehouseSettings;

/**
 * The source connector's keys for the settings the Python poller grew after 2024 (v1.x): warehouse, location
 * calendar, all-sites list, data-lake copy, bad poll dates. Declared in the {@link Setting} table, with the
 * environment variable the main job reads each from.
 */
public final class DropInConfig {
    public static final String GROUP_RECOVERY = "Recovery and calendar";
    public static final String GROUP_AWS = "AWS";

    public static final String BAD_POLL_DATES_CONFIG = key(Setting.BAD_POLL_DATES);
    public static final String WAREHOUSE_HOST_CONFIG = key(Setting.REDSHIFT_DB_HOST);
    public static final String WAREHOUSE_PORT_CONFIG = key(Setting.REDSHIFT_DB_PORT);
    public static final String WAREHOUSE_DATABASE_CONFIG = key(Setting.REDSHIFT_DB_NAME);
    public static final String WAREHOUSE_USER_CONFIG = key(Setting.REDSHIFT_DB_USER);
    public static final String WAREHOUSE_PASSWORD_CONFIG = key(Setting.REDSHIFT_DB_PASSWORD);
    public static final String WAREHOUSE_SSLMODE_CONFIG = key(Setting.REDSHIFT_DB_SSLMODE);
    public static final String WAREHOUSE_UPDATE_CONFIG = key(Setting.WAREHOUSE_MARK_STALE);
    public static final String CALENDAR_CONFIG = key(Setting.LOCATION_CALENDAR);
    public static final String ALL_SITES_BUCKET_CONFIG = key(Setting.ALL_SITES_S3_BUCKET);
    public static final String ALL_SITES_RESOURCE_CONFIG = key(Setting.ALL_SITES_S3_RESOURCE);
    public static final String DATA_LAKE_BUCKET_CONFIG = key(Setting.DATA_LAKE_S3_BUCKET);
    public static final String DATA_LAKE_PATH_CONFIG = key(Setting.DATA_LAKE_S3_PATH);
    public static final String AWS_REGION_CONFIG = key(Setting.AWS_REGION);
    public static final String SITES_CONFIG = key(Setting.SITES);
    public static final String DAILY_CALL_LIMIT_CONFIG = key(Setting.SHOPPERTRAK_DAILY_CALL_LIMIT);

    /** libpq's values; the warehouse knows them. */
    public static final List<String> SSL_MODES = WarehouseSettings.SSL_MODES;

    /** The one grammar of BAD_POLL_DATES as a validator. */
    public static final ConfigDef.Validator DATES = ConnectorDefs.validator(Setting.BAD_POLL_DATES);

    private DropInConfig() {
    }

    private static String key(Setting setting) {
        return setting.sourceKey().orElseThrow();
    }
}
