package org.locationvisits.warehouse;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the warehouse is and how to log in. Callers apply the defaults ({@link #DEFAULT_PORT},
 * {@link #DEFAULT_SSL_MODE}); this record only checks what it is given.
 *
 * <p>We connect with the PostgreSQL driver rather than Amazon's Redshift driver: Redshift speaks the
 * PostgreSQL protocol, we only run plain SELECT/UPDATE statements with bound parameters, and the same
 * driver is what the tests prove against a real PostgreSQL (the Redshift driver refuses
 * {@code jdbc:postgresql} URLs and brings IAM features we do not use).
 */
public record WarehouseSettings(String host, int port, String database, String user, String password,
                                String sslMode) {
    public static final int DEFAULT_PORT = 5439;
    public static final String DEFAULT_SSL_MODE = "require";
    /** libpq's values, which the PostgreSQL JDBC driver also accepts. */
    public static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    /** The database whose tables carry no suffix. */
    public static final String PRODUCTION = "production";
    // Names end up in SQL text (the table suffix) and the URL, so only plain identifiers are accepted.
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public WarehouseSettings {
        host = required(host, "host");
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '?')) {
            throw new IllegalArgumentException("Warehouse host '" + host + "' must be a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Warehouse port " + port + " must be between 1 and 65535");
        }
        database = required(database, "database");
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("Warehouse database '" + database
                    + "' must be letters, digits and underscores (it becomes the table suffix, e.g. location_visits_qa)");
        }
        user = required(user, "user");
        password = password == null ? "" : password;
        String mode = sslMode == null ? "" : sslMode.strip().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(mode)) {
            throw new IllegalArgumentException("Warehouse sslMode '" + sslMode + "' is not one of "
                    + String.join(", ", SSL_MODES) + " (use require, the default, or verify-full for Redshift)");
        }
        sslMode = mode;
    }

    /** The PostgreSQL driver's URL; user and password travel as connection properties, never in the URL. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
    }

    /** {@code base} in the production database, {@code base_<database>} elsewhere (location_visits_qa). */
    public String table(String base) {
        if (base == null || !IDENTIFIER.matcher(base).matches()) {
            throw new IllegalArgumentException("Table name '" + base + "' must be letters, digits and underscores");
        }
        return PRODUCTION.equals(database) ? base : base + "_" + database;
    }

    /** Host, port and database, for messages. */
    public String describe() {
        return database + " at " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "WarehouseSettings[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "(hidden)") + ", sslMode=" + sslMode + "]";
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Warehouse " + name + " is required");
        }
        return value.strip();
    }
}
