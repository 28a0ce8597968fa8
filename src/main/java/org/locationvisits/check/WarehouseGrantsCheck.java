package org.locationvisits.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationvisits.warehouse.WarehouseException;
import org.locationvisits.warehouse.WarehouseGrants;
import org.locationvisits.warehouse.WarehouseSettings;

/**
 * The warehouse reachable and the user's privileges on each table the job uses: SELECT on the visits (recovery's
 * plan) and on the hours and closures (the calendar), UPDATE on the visits when the job marks replaced rows stale.
 */
final class WarehouseGrantsCheck implements Check {
    static final String WHAT = "warehouse privileges";

    private final WarehouseSettings settings;
    private final boolean markStale;

    WarehouseGrantsCheck(WarehouseSettings settings, boolean markStale) {
        this.settings = settings;
        this.markStale = markStale;
    }

    @Override
    public List<CheckResult> run() {
        Map<String, List<String>> needed = new LinkedHashMap<>();
        needed.put("location_visits", markStale ? List.of("SELECT", "UPDATE") : List.of("SELECT"));
        needed.put("location_hours_v2", List.of("SELECT"));
        needed.put("location_closures_v2", List.of("SELECT"));
        List<CheckResult> results = new ArrayList<>();
        try (WarehouseGrants grants = new WarehouseGrants(settings)) {
            for (Map.Entry<String, List<String>> table : needed.entrySet()) {
                results.add(result(grants.check(table.getKey(), table.getValue()), table.getValue()));
            }
        } catch (WarehouseException e) {
            // Its message names the database, the user and what to check, never the password.
            results.add(CheckResult.fail(WHAT, settings.describe(), e.getMessage()));
        }
        return results;
    }

    private CheckResult result(WarehouseGrants.TableGrants grants, List<String> asked) {
        String where = grants.table() + " in " + settings.describe();
        if (!grants.exists()) {
            return CheckResult.fail(WHAT, where, "the table does not exist (or user " + settings.user()
                    + " cannot see its schema). Check REDSHIFT_DB_NAME (outside production the tables carry its"
                    + " name as a suffix) and the search_path");
        }
        if (!grants.missing().isEmpty()) {
            String missing = String.join(", ", grants.missing());
            return CheckResult.fail(WHAT, where, "user " + settings.user() + " lacks " + missing + ": GRANT "
                    + missing + " ON " + grants.table() + " TO " + settings.user()
                    + (grants.missing().contains("UPDATE") ? " (UPDATE marks rows a recovery replaced as stale;"
                    + " IGNORE_UPDATE=true turns that off)" : ""));
        }
        return CheckResult.ok(WHAT, where, "user " + settings.user() + " holds " + String.join(", ", asked));
    }
}
