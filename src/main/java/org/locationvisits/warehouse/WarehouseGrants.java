package org.locationvisits.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether the configured user holds the privileges the job needs on a table, asked with
 * {@code has_table_privilege(table, privilege)}, which Redshift and PostgreSQL both have: nothing is read or written.
 */
public final class WarehouseGrants implements AutoCloseable {
    /** SQLState of "relation does not exist". */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** @param missing the privileges asked for that the user does not hold; empty when the table does not exist */
    public record TableGrants(String table, boolean exists, Set<String> missing) { }

    private final WarehouseSettings settings;
    private final WarehouseConnection connection;

    public WarehouseGrants(WarehouseSettings settings) {
        this.settings = settings;
        this.connection = new WarehouseConnection(settings, QUERY_TIMEOUT);
    }

    /**
     * @param base       the table's name without the database suffix, e.g. location_visits
     * @param privileges e.g. SELECT, UPDATE
     * @throws WarehouseException when the warehouse cannot be reached or logged into (the message says what to check)
     */
    public TableGrants check(String base, List<String> privileges) {
        String table = settings.table(base);
        return connection.run("check privileges", table, c -> {
            Set<String> missing = new LinkedHashSet<>();
            for (String privilege : privileges) {
                try (PreparedStatement statement = connection.prepare(c, "SELECT has_table_privilege(?, ?)")) {
                    statement.setString(1, table);
                    statement.setString(2, privilege);
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        if (!row.getBoolean(1)) {
                            missing.add(privilege);
                        }
                    }
                } catch (SQLException e) {
                    if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                        return new TableGrants(table, false, Set.of());
                    }
                    throw e;
                }
            }
            return new TableGrants(table, true, missing);
        });
    }

    /** {@code database at host:port}, for messages. */
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        connection.close();
    }
}
