package org.locationvisits.config;

import static org.locationvisits.config.Setting.*;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.locationvisits.shoppertrak.ShopperTrakSettings;

/**
 * How the main job's settings are read: each variable by its {@link Setting} row, then what only holds together
 * (what a command needs, a dry run's switches, the start and end dates), every problem listed at once.
 */
final class RunnerSettingsReader {
    private RunnerSettingsReader() {
    }

    /**
     * Reads every variable by its row, then checks them together; throws {@link ConfigurationException} listing
     * every problem.
     *
     * @param deferred encrypted variables not decrypted yet: present, but problems naming them wait
     */
    static RunnerSettings read(Map<String, String> env, Purpose purpose, Set<String> deferred) {
        EnvReader in = new EnvReader(env, deferred);
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            setting.env().ifPresent(variable -> values.put(setting, in.value(setting)));
        }
        boolean ignoreCache = (Boolean) values.get(IGNORE_CACHE) || !purpose.uses(S3_BUCKET);
        boolean ignoreKinesis = (Boolean) values.get(IGNORE_KINESIS) || !purpose.uses(KINESIS_STREAM_ARN);
        values.put(IGNORE_CACHE, ignoreCache);
        values.put(IGNORE_KINESIS, ignoreKinesis);
        // Unset: the version follows the base URL (/v2.0/ is v2), as today's production file expects.
        values.put(SHOPPERTRAK_API_VERSION, ShopperTrakSettings.version((String) values.get(SHOPPERTRAK_API_VERSION),
                (String) values.get(SHOPPERTRAK_API_BASE_URL)).name().toLowerCase(Locale.ROOT));
        requireIf(in, purpose.uses(SHOPPERTRAK_USERNAME), SHOPPERTRAK_USERNAME, "the ShopperTrak API user name");
        requireIf(in, purpose.uses(SHOPPERTRAK_PASSWORD), SHOPPERTRAK_PASSWORD, "the ShopperTrak API password");
        requireIf(in, !ignoreCache, S3_BUCKET, "the bucket holding the offset file (or set IGNORE_CACHE=true)");
        requireIf(in, !ignoreCache, S3_RESOURCE, "the key of the offset file, e.g. location_visits_poller_state.json");
        requireIf(in, !ignoreKinesis, KINESIS_STREAM_ARN,
                "the stream ARN or name to deliver to (or set IGNORE_KINESIS=true)");
        RecoverySettings.check(in, purpose);
        RunnerSettings settings = new RunnerSettings(values);
        if (ignoreCache && purpose == Purpose.RUN) {
            in.check(settings.lastPollDate().isPresent(),
                    "LAST_POLL_DATE is required when IGNORE_CACHE=true: the run starts the day after it");
        }
        settings.lastPollDate().ifPresent(start -> settings.lastEndDate().ifPresent(end -> in.check(
                !end.isBefore(start), "LAST_END_DATE (" + end + ") must not be before LAST_POLL_DATE (" + start + ")")));
        if (!in.problems().isEmpty()) {
            throw new ConfigurationException(in.problems());
        }
        return settings;
    }

    static void requireIf(EnvReader in, boolean needed, Setting setting, String what) {
        if (needed) {
            in.required(setting, what);
        }
    }
}
