package org.locationvisits.check;

import java.util.List;

import org.locationvisits.common.SafeUrl;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.runner.Wiring;

/** The schema the job would encode with, fetched and resolved as the job does, and the record generation it gives. */
final class SchemaCheck implements Check {
    static final String WHAT = "schema";

    private final RunnerSettings settings;

    SchemaCheck(RunnerSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<CheckResult> run() {
        String url = settings.schemaUrl();
        String where = url == null || url.isBlank() ? "bundled:first (the default)" : SafeUrl.of(url);
        try {
            LocationVisitsEncoder encoder = Wiring.encoder(settings);
            return List.of(CheckResult.ok(WHAT, where, encoder.schema().getFullName() + " with "
                    + encoder.schema().getFields().size() + " fields: the " + encoder.generation().lowerName()
                    + " record generation"));
        } catch (RuntimeException e) {
            // Wiring's message names the URL, the fetch and what to check.
            return List.of(CheckResult.fail(WHAT, where, e.getMessage()));
        }
    }
}
