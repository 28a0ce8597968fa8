package org.locationvisits.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The warehouse tables on an embedded PostgreSQL, shaped as in Redshift, for integration tests:
 * <pre>
 * static EmbeddedPostgres pg = WarehouseTables.startPostgres();          // once per test class
 * WarehouseTables qa = WarehouseTables.create(pg, "qa");                 // location_visits_qa, ...
 * qa.visits(Visit.unhealthy(1, "aa lib", LocalDateTime.parse("2026-03-02T10:00")))
 *   .hours("aa", "Monday", "09:00", "18:00").closure(null, LocalDate.parse("2026-07-04"));
 * new Warehouse(qa.settings())
 * </pre>
 */
public final class WarehouseTables {
    /** What {@link #settings()} carries as password; the local server trusts every login, so tests can look for leaks. */
    public static final String PASSWORD = "never-print-me-42";

    private final EmbeddedPostgres pg;
    private final WarehouseSettings settings;

    private WarehouseTables(EmbeddedPostgres pg, WarehouseSettings settings) {
        this.pg = pg;
        this.settings = settings;
    }

    /** A PostgreSQL 14 listening on 127.0.0.1 only; close it in {@code @AfterAll}. */
    public static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * Creates {@code database} (if missing) and, in it, location_visits, location_hours_v2 and
     * location_closures_v2 with that database's suffix (none for {@code production}).
     */
    public static WarehouseTables create(EmbeddedPostgres pg, String database) {
        WarehouseTables tables = new WarehouseTables(pg, new WarehouseSettings("127.0.0.1", pg.getPort(), database,
                "postgres", PASSWORD, "disable"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!r.next()) {
                    s.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        tables.execute("CREATE TABLE IF NOT EXISTS " + tables.table("location_visits") + " (id BIGINT PRIMARY KEY,"
                + " shoppertrak_site_id VARCHAR(100) NOT NULL, orbit INTEGER, increment_start TIMESTAMP NOT NULL,"
                + " enters INTEGER, exits INTEGER, is_healthy_data BOOLEAN, is_missing_data BOOLEAN,"
                + " is_fresh BOOLEAN, poll_date DATE)");
        tables.execute("CREATE TABLE IF NOT EXISTS " + tables.table("location_hours_v2") + " (location_id VARCHAR(20),"
                + " weekday VARCHAR(20), regular_open TIME, regular_close TIME, is_current BOOLEAN)");
        tables.execute("CREATE TABLE IF NOT EXISTS " + tables.table("location_closures_v2")
                + " (location_id VARCHAR(20), closure_date DATE, is_full_day BOOLEAN)");
        return tables;
    }

    /** Settings for {@link Warehouse}: this database on 127.0.0.1, user postgres, {@link #PASSWORD}, sslmode disable. */
    public WarehouseSettings settings() {
        return settings;
    }

    /** The table's name in this database, e.g. location_visits_qa. */
    public String table(String base) {
        return settings.table(base);
    }

    /** A row of location_visits; start with {@link #healthy} or {@link #unhealthy}, then adjust. */
    public record Visit(long id, String siteId, Integer orbit, LocalDateTime start, Integer enters, Integer exits,
                        boolean healthy, boolean missing, boolean fresh) {
        public static Visit healthy(long id, String siteId, LocalDateTime start, int enters, int exits) {
            return new Visit(id, siteId, 1, start, enters, exits, true, false, true);
        }

        /** Unhealthy with 0 enters and exits, fresh, orbit 1. */
        public static Visit unhealthy(long id, String siteId, LocalDateTime start) {
            return new Visit(id, siteId, 1, start, 0, 0, false, false, true);
        }

        public Visit orbit(Integer orbit) {
            return new Visit(id, siteId, orbit, start, enters, exits, healthy, missing, fresh);
        }

        public Visit stale() {
            return new Visit(id, siteId, orbit, start, enters, exits, healthy, missing, false);
        }
    }

    public WarehouseTables visits(Visit... visits) {
        String sql = "INSERT INTO " + table("location_visits") + " (id, shoppertrak_site_id, orbit, increment_start,"
                + " enters, exits, is_healthy_data, is_missing_data, is_fresh, poll_date) VALUES (?,?,?,?,?,?,?,?,?,?)";
        return update(sql, java.util.Arrays.stream(visits).map(v -> new Object[] {v.id(), v.siteId(), v.orbit(),
                v.start(), v.enters(), v.exits(), v.healthy(), v.missing(), v.fresh(), v.start().toLocalDate()})
                .toArray(Object[][]::new));
    }

    /** A current row of location_hours_v2; times as HH:MM, both null when the branch does not open that weekday. */
    public WarehouseTables hours(String locationId, String weekday, String open, String close) {
        return hours(locationId, weekday, open, close, true);
    }

    public WarehouseTables hours(String locationId, String weekday, String open, String close, boolean current) {
        return update("INSERT INTO " + table("location_hours_v2") + " (location_id, weekday, regular_open,"
                + " regular_close, is_current) VALUES (?, ?, CAST(? AS TIME), CAST(? AS TIME), ?)",
                new Object[] {locationId, weekday, open, close, current});
    }

    /** A full-day closure; {@code locationId} null closes every site. */
    public WarehouseTables closure(String locationId, LocalDate date) {
        return closure(locationId, date, true);
    }

    public WarehouseTables closure(String locationId, LocalDate date, boolean fullDay) {
        return update("INSERT INTO " + table("location_closures_v2") + " (location_id, closure_date, is_full_day)"
                + " VALUES (?, ?, ?)", new Object[] {locationId, date, fullDay});
    }

    /** Whether the row is still fresh; fails when there is no such row. */
    public boolean isFresh(long id) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT is_fresh FROM " + table("location_visits") + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no row with id " + id);
                }
                return r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes every row of the three tables, for a clean start in {@code @BeforeEach}. */
    public void clear() {
        for (String base : new String[] {"location_visits", "location_hours_v2", "location_closures_v2"}) {
            execute("DELETE FROM " + table(base));
        }
    }

    /** Runs statements in this database, e.g. to change a column type or lock a table. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + String.join("; ", sql), e);
        }
    }

    /** A connection to this database, e.g. to hold a lock while a test runs. */
    public Connection connect() throws SQLException {
        return pg.getDatabase("postgres", settings.database()).getConnection();
    }

    private WarehouseTables update(String sql, Object[]... rows) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
        return this;
    }

    @Override
    public String toString() {
        return "WarehouseTables[" + Objects.toString(settings.describe()) + "]";
    }
}
