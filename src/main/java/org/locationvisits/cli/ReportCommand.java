package org.locationvisits.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.locationvisits.report.ReportJob;
import org.locationvisits.report.ReportSources;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RecoverySettings;
import org.locationvisits.config.RunnerSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code report --from D1 --to D2 [--html FILE] [--config FILE]}: configured like the main job; it reads
 * {@code DATA_LAKE_S3_*}, and for closures and the calendar rule the warehouse ({@code REDSHIFT_DB_*}) or
 * {@code LOCATION_CALENDAR}, and the all-sites list ({@code ALL_SITES_S3_*}) when set. See {@link ReportJob}.
 */
@Command(name = "report", description = "completeness of each site-day, from the data-lake archive (no API call)")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;
    @Mixin
    DayRange days;
    @Option(names = "--html", paramLabel = "FILE", description = "also write the heat map page to FILE")
    Path html;
    @Mixin
    private ConfigOption config;
    private final Context context;

    ReportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        days.check(spec);
        RunnerSettings settings = context.settings(config.path, Purpose.REPORT);
        RecoverySettings recovery = settings.recovery();
        if (recovery.dataLakeBucket().isBlank()) {
            // Failures reports IllegalStateException as a start-up problem: one line, exit status 2.
            throw new IllegalStateException("report reads the data-lake archive: set DATA_LAKE_S3_BUCKET (and "
                    + "DATA_LAKE_S3_PATH) as for the main job");
        }
        ReportSources sources = new ReportSources(recovery.dataLakeBucket(), recovery.dataLakePath(),
                ReplayCommand.warehouse(recovery), recovery.locationCalendar(), recovery.allSitesBucket(),
                recovery.allSitesResource());
        try (S3Client s3 = context.aws().apply(settings.awsRegion()).s3()) {
            return ReportJob.make(days.from, days.to, Optional.ofNullable(html), sources, s3, context.out(), context.err());
        }
    }
}
