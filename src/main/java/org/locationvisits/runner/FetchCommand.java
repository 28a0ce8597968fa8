package org.locationvisits.runner;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.source.ConfiguredServices;
import org.locationvisits.source.DayFailure;
import org.locationvisits.source.SourceConfig;

/**
 * {@code fetch --date D [--site ID]}: asks ShopperTrak for one day and prints each row as one JSON object,
 * exactly as it would be encoded for the stream (the bytes are decoded back with the schema).
 */
final class FetchCommand {
    private FetchCommand() {
    }

    static int run(String[] args) {
        Args parsed = new Args(args, Set.of("date", "site", "config"));
        LocalDate date = parseDate(parsed.option("date"));
        RunnerSettings settings = Wiring.settings(System.getenv(), parsed.option("config"), Purpose.FETCH);
        LocationVisitsEncoder encoder = Wiring.encoder(settings);
        Wiring.Aws aws = Wiring.Aws.forRegion(settings.awsRegion());
        // The same services as the main job: the current generation's is_missing_data needs the calendar.
        try (ConfiguredServices services = new ConfiguredServices(Wiring.sourceConfig(settings), Sleeper.SYSTEM,
                aws::s3, encoder.generation())) {
            String site = parsed.option("site");
            DayResult result = site == null ? services.shopperTrak().allSites(date)
                    : services.shopperTrak().site(date, site);
            if (!(result instanceof DayResult.Rows rows)) {
                System.err.println("error: " + DayFailure.of(result).reason());
                return 1;
            }
            MissingDataRule missing = new MissingDataRule(services.calendar());
            print(rows.rows(), LocalDate.now(SourceConfig.ZONE).toString(), encoder, missing, System.out);
            System.err.printf("%d rows for %s (%d API call(s))%n", rows.rows().size(), date, rows.apiCalls());
            return 0;
        }
    }

    /** First-generation rows, or current-generation ones with hours unknown. */
    static void print(List<TrafficRow> rows, String pollDate, LocationVisitsEncoder encoder, PrintStream out) {
        print(rows, pollDate, encoder, new MissingDataRule(LocationCalendar.empty()), out);
    }

    static void print(List<TrafficRow> rows, String pollDate, LocationVisitsEncoder encoder, MissingDataRule missing,
                      PrintStream out) {
        AvroJson json = new AvroJson(encoder.schema());
        StringBuilder line = new StringBuilder(256);
        boolean current = encoder.generation() == RecordGeneration.CURRENT;
        for (TrafficRow row : rows) {
            line.setLength(0);
            json.append(encoder.encode(LocationVisit.of(row, false, current && missing.isMissing(row), pollDate)), line);
            out.println(line);
        }
        out.flush();
    }

    private static LocalDate parseDate(String value) {
        if (value == null) {
            throw new UsageException("fetch needs --date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be YYYY-MM-DD, got '" + value + "'");
        }
    }
}
