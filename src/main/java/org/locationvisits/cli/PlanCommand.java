package org.locationvisits.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.plan.NextRun;
import org.locationvisits.plan.NextRunPlanner;
import org.locationvisits.plan.PlanText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plan [--json] [--at INSTANT] [--config FILE]}: what the next run of the main job would do, configured like
 * it, with no ShopperTrak call and no write (see {@link NextRunPlanner}). Needs no ShopperTrak credentials and no
 * stream.
 */
@Command(name = "plan", description = "what the next run would do: days to poll, site-days to recover, calls against"
        + " the daily limit, the offset after (no ShopperTrak call, no write)")
final class PlanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    private HelpOption help;
    @Option(names = "--json", description = "print the plan as JSON, for scripts")
    boolean json;
    @Option(names = "--at", paramLabel = "INSTANT", description = "plan the run at this instant (ISO-8601, e.g. "
            + "2026-11-20T11:00:00Z) instead of now")
    Instant at;
    @Mixin
    private ConfigOption config;
    private final Context context;

    PlanCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        RunnerSettings settings = context.settings(config.path, Purpose.PLAN);
        Clock clock = at == null ? context.clock() : Clock.fixed(at, ZoneOffset.UTC);
        NextRun plan = NextRunPlanner.plan(settings, context.aws().apply(settings.awsRegion()), clock);
        if (json) {
            context.out().println(JSON.writeValueAsString(plan));
        } else {
            PlanText.print(plan, context.out());
        }
        return 0;
    }
}
