package org.locationvisits.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.locationvisits.check.CheckResult;
import org.locationvisits.check.JobChecks;
import org.locationvisits.config.ConfigLoader;
import org.locationvisits.config.ConfigurationException;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.metrics.RunSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check [--config FILE] [--call-api]}: verifies everything the configured main job needs, writing nothing
 * and spending no ShopperTrak call unless {@code --call-api} says so; one line per check. Exit 0 when all pass,
 * 1 when one fails, 2 when the configuration itself (or a KMS decryption) fails.
 */
@Command(name = "check", description = "verify what the configured job needs; writes nothing, spends no ShopperTrak"
        + " call unless --call-api")
final class CheckCommand implements Callable<Integer> {
    static final String CONFIGURATION = "configuration";
    @Mixin
    private HelpOption help;
    @Mixin
    private ConfigOption config;
    @Option(names = "--call-api", description = "spend exactly one ShopperTrak call (yesterday's allsites, parsed,"
            + " sent nowhere) to prove the credentials")
    boolean callApi;
    private final Context context;

    CheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintStream out = context.out();
        Path file = ConfigLoader.configFile(context.env(), config.path);
        String where = file == null ? "environment" : file.toString();
        RunnerSettings settings;
        try {
            settings = context.settings(config.path, Purpose.RUN);
        } catch (ConfigurationException e) {
            out.println(CheckResult.fail(CONFIGURATION, where, "not valid: " + String.join("; ", e.problems()))
                    .line());
            return RunSummary.EXIT_CONFIGURATION;
        } catch (IllegalStateException e) {
            // KMS decryption: the decryptor's message names the variable and the cause, never the value.
            out.println(CheckResult.fail("KMS decryption", where, e.getMessage()).line());
            return RunSummary.EXIT_CONFIGURATION;
        }
        int encrypted = settings.encryptedVariables().size();
        out.println(CheckResult.ok(CONFIGURATION, where, "valid for the main job; " + (encrypted == 0
                ? "no KMS-encrypted variable" : encrypted + " KMS-encrypted variable(s) decrypted: "
                + String.join(", ", settings.encryptedVariables()))).line());
        boolean passed = JobChecks.of(settings, context.aws().apply(settings.awsRegion()), context.clock(), callApi)
                .run(result -> out.println(result.line()));
        out.println(passed ? "All checks passed." : "Some checks failed: fix what the FAIL lines say, then run check"
                + " again.");
        return passed ? 0 : 1;
    }
}
