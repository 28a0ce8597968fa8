package org.locationvisits.check;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.locationvisits.config.RunnerSettings;
import org.locationvisits.runner.Wiring;
import org.locationvisits.source.SourceConfig;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every check the configured main job needs, in the order an operator fixes things: the state, the stream, the
 * warehouse, the schema, what recovery reads, then ShopperTrak. What the job does not use is a SKIP line, so the
 * output always shows every part.
 */
public final class JobChecks {
    private final List<Check> checks;

    private JobChecks(List<Check> checks) {
        this.checks = checks;
    }

    /**
     * @param clock   decides "yesterday" for {@code --call-api}
     * @param callApi spend exactly one ShopperTrak call
     */
    public static JobChecks of(RunnerSettings settings, Wiring.Aws aws, Clock clock, boolean callApi) {
        SourceConfig source = Wiring.sourceConfig(settings);
        Supplier<S3Client> s3 = memoize(aws::s3);
        List<Check> checks = new ArrayList<>();
        if (settings.ignoreCache()) {
            checks.add(() -> List.of(CheckResult.skip(StateObjectCheck.READ, "-", "IGNORE_CACHE=true: no state"
                    + " object is read or written")));
        } else {
            checks.add(new StateObjectCheck(s3.get(), settings.s3Bucket(), settings.s3Resource()));
        }
        if (settings.ignoreKinesis()) {
            checks.add(() -> List.of(CheckResult.skip(KinesisStreamCheck.WHAT, "-", "IGNORE_KINESIS=true: a dry"
                    + " run sends nothing")));
        } else {
            checks.add(new KinesisStreamCheck(aws.kinesis(), settings.kinesisStream(), settings.awsRegion()));
        }
        checks.add(source.warehouse().<Check>map(warehouse -> new WarehouseGrantsCheck(warehouse,
                source.markStaleRows())).orElse(() -> List.of(CheckResult.skip(WarehouseGrantsCheck.WHAT, "-",
                "no REDSHIFT_DB_HOST: recovery plans from the state object's memory"))));
        checks.add(new SchemaCheck(settings));
        checks.add(new CalendarCheck(source.warehouse(), source.locationCalendar(), s3));
        checks.add(new AllSitesCheck(source.allSitesList(), s3));
        checks.add(new DataLakeCheck(source.dataLakeBucket(), source.dataLakePath(), s3));
        checks.add(new ShopperTrakReachCheck(settings.shopperTrakBaseUrl(), settings.callTimeout(), callApi));
        if (callApi) {
            checks.add(new ShopperTrakCallCheck(source.shopperTrak(), clock));
        }
        return new JobChecks(checks);
    }

    /** The S3 client is made once, and only when a check needs it. */
    private static <T> Supplier<T> memoize(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    /** Runs every check, handing each line out as soon as it is known; true when none failed. */
    public boolean run(Consumer<CheckResult> out) {
        boolean passed = true;
        for (Check check : checks) {
            for (CheckResult result : check.run()) {
                out.accept(result);
                passed &= result.passed();
            }
        }
        return passed;
    }
}
