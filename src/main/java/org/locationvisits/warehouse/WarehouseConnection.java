package org.locationvisits.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * One reused JDBC connection: recovery asks for the fresh rows of many site-days in a row, and a new
 * TLS session to Redshift for each would cost more than the query. A connection that failed is dropped,
 * so the next operation opens a new one.
 */
final class WarehouseConnection implements AutoCloseable {
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int LOGIN_TIMEOUT_SECONDS = 30;

    private final WarehouseSettings settings;
    private final Duration queryTimeout;
    private Connection connection;

    WarehouseConnection(WarehouseSettings settings, Duration queryTimeout) {
        this.settings = settings;
        this.queryTimeout = queryTimeout;
    }

    /** Runs {@code work}; an SQLException becomes a WarehouseException naming {@code operation} and {@code table}. */
    synchronized <T> T run(String operation, String table, Work<T> work) {
        try {
            return work.apply(connection());
        } catch (SQLException e) {
            closeQuietly();
            throw failure(operation, table, e);
        }
    }

    /** A statement that the server cancels after the query timeout, so a locked table cannot hang a run. */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        statement.setQueryTimeout(Math.toIntExact(Math.max(1, queryTimeout.toSeconds())));
        return statement;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties properties = new Properties();
            properties.setProperty("user", settings.user());
            properties.setProperty("password", settings.password());
            properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            // A dead socket must fail too, even when the cancel request of the query timeout cannot get through.
            properties.setProperty("socketTimeout", String.valueOf(queryTimeout.toSeconds() + 60));
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", "location-visits-connector");
            // The driver itself, not DriverManager: a Connect worker's plugin class loader hides drivers from it.
            connection = new org.postgresql.Driver().connect(settings.jdbcUrl(), properties);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver did not accept " + settings.jdbcUrl());
            }
        }
        return connection;
    }

    private WarehouseException failure(String operation, String table, SQLException e) {
        String detail = (e.getSQLState() == null ? "" : "SQLState " + e.getSQLState() + ": ") + e.getMessage();
        String password = settings.password();
        boolean leaks = !password.isEmpty() && String.valueOf(e).contains(password);
        if (leaks) {
            detail = detail.replace(password, "(hidden)");
        }
        String message = "Warehouse could not " + operation + " (table " + table + ", database "
                + settings.describe() + ", user " + settings.user() + "): " + detail + ". Check that the warehouse is"
                + " reachable (REDSHIFT_DB_HOST, network), the credentials (REDSHIFT_DB_USER, REDSHIFT_DB_PASSWORD)"
                + " and the user's grant on " + table;
        // Keep the driver's exception for its stack trace unless its text would show the password.
        return new WarehouseException(message, leaks ? null : e);
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken; the next operation opens a new connection.
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
