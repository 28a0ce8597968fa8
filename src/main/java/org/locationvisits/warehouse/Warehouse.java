package org.locationvisits.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.SiteDay;
import org.locationvisits.recovery.StoredVisit;
import org.locationvisits.recovery.VisitKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redshift warehouse the stream lands in: what recovery needs from {@code location_visits}, and
 * the branch calendar. SQL stays within what Redshift and PostgreSQL both run. Days are matched as
 * half-open ranges of {@code increment_start} so Redshift can use the column's sort order.
 */
public final class Warehouse implements RecoveryLedger, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Warehouse.class);
    static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(5);
    /** Ids per UPDATE: far below the driver's limit of 32767 bound parameters. */
    static final int DEFAULT_CHUNK_SIZE = 1000;

    private final WarehouseSettings settings;
    private final WarehouseConnection connection;
    private final String visits;
    private final int chunkSize;

    public Warehouse(WarehouseSettings settings) {
        this(settings, DEFAULT_QUERY_TIMEOUT, DEFAULT_CHUNK_SIZE);
    }

    Warehouse(WarehouseSettings settings, Duration queryTimeout, int chunkSize) {
        this.settings = settings;
        this.connection = new WarehouseConnection(settings, queryTimeout);
        this.visits = settings.table("location_visits");
        this.chunkSize = chunkSize;
    }

    @Override
    public List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
        String sql = "SELECT DISTINCT shoppertrak_site_id, CAST(increment_start AS DATE) AS visit_date FROM " + visits
                + " WHERE increment_start >= ? AND increment_start < ? AND is_fresh AND NOT is_healthy_data";
        List<SiteDay> days = new ArrayList<>(siteDays("list unhealthy site-days", sql, from, to));
        // Sorted here, not by ORDER BY: Redshift's and PostgreSQL's collations may order site IDs differently.
        days.sort(null);
        return days;
    }

    @Override
    public Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
        String sql = "SELECT DISTINCT shoppertrak_site_id, CAST(increment_start AS DATE) AS visit_date FROM " + visits
                + " WHERE increment_start >= ? AND increment_start < ?";
        return siteDays("list site-days with rows", sql, from, to);
    }

    private Set<SiteDay> siteDays(String operation, String sql, LocalDate from, LocalDate to) {
        return connection.run(operation, visits, c -> {
            Set<SiteDay> days = new HashSet<>();
            try (PreparedStatement statement = connection.prepare(c, sql)) {
                statement.setObject(1, from.atStartOfDay());
                statement.setObject(2, to.plusDays(1).atStartOfDay());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        days.add(new SiteDay(rows.getString(1), rows.getObject(2, LocalDate.class)));
                    }
                }
            }
            return days;
        });
    }

    @Override
    public Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
        String sql = "SELECT id, orbit, increment_start, is_healthy_data, enters, exits FROM " + visits
                + " WHERE shoppertrak_site_id = ? AND increment_start >= ? AND increment_start < ? AND is_fresh";
        return connection.run("read fresh rows of " + siteDay, visits, c -> {
            Map<VisitKey, StoredVisit> found = new HashMap<>();
            Set<VisitKey> repeated = new HashSet<>();
            try (PreparedStatement statement = connection.prepare(c, sql)) {
                statement.setString(1, siteDay.siteId());
                statement.setObject(2, siteDay.date().atStartOfDay());
                statement.setObject(3, siteDay.date().plusDays(1).atStartOfDay());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        VisitKey key = new VisitKey(siteDay.siteId(), rows.getObject(2, Integer.class),
                                rows.getObject(3, LocalDateTime.class));
                        StoredVisit visit = new StoredVisit(rows.getLong(1), rows.getBoolean(4),
                                rows.getObject(5, Integer.class), rows.getObject(6, Integer.class));
                        if (found.merge(key, visit, StoredVisit::and) != visit) {
                            repeated.add(key);
                        }
                    }
                }
            }
            if (!repeated.isEmpty()) {
                log.warn("Warehouse holds more than one fresh row for {} key(s) of {} (e.g. {}): the fall-back hour"
                        + " of a DST day, or a stale mark never made; recovery marks every unhealthy one stale once"
                        + " a healthy row replaces it", repeated.size(), siteDay, repeated.iterator().next());
            }
            return found;
        });
    }

    @Override
    public int markStale(Collection<Long> ids) {
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return 0;
        }
        return connection.run("mark " + distinct.size() + " rows stale", visits, c -> {
            c.setAutoCommit(false);
            int changed = 0;
            try {
                for (int start = 0; start < distinct.size(); start += chunkSize) {
                    changed += markChunk(c, distinct.subList(start, Math.min(distinct.size(), start + chunkSize)));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e; // run() drops the connection, so its auto-commit state no longer matters
            }
            c.setAutoCommit(true);
            log.info("Marked {} rows of {} stale ({} ids given)", changed, visits, distinct.size());
            return changed;
        });
    }

    private int markChunk(Connection c, List<Long> ids) throws SQLException {
        String placeholders = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        // "AND is_fresh": rows already stale are not counted as changed.
        String sql = "UPDATE " + visits + " SET is_fresh = false WHERE is_fresh AND id IN (" + placeholders + ")";
        try (PreparedStatement statement = connection.prepare(c, sql)) {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            return statement.executeUpdate();
        }
    }

    /** Current regular hours and full-day closures, from {@code location_hours_v2} and {@code location_closures_v2}. */
    public LocationCalendar calendar() {
        return new WarehouseCalendar(settings, connection).read();
    }

    @Override
    public void close() {
        connection.close();
    }
}
