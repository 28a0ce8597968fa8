package org.locationvisits.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.locationvisits.common.AwsClients;

/**
 * Merges the configuration file and the process environment (the environment wins), validates it,
 * and only then decrypts the file's KMS-encrypted variables, so a bad value is reported before any
 * network call. Any variable but AWS_REGION may be encrypted: the first pass takes encrypted ones as
 * present and checks their values once decrypted, in a second pass whose messages never show them.
 */
public final class ConfigLoader {
    private static final String REGION = Setting.AWS_REGION.env().orElseThrow();

    private ConfigLoader() {
    }

    /**
     * The command's settings from {@code --config} (or {@code connector-config/$ENVIRONMENT.yaml}, or
     * {@code config/$ENVIRONMENT.yaml}) and the
     * environment, KMS-encrypted variables decrypted only after everything else validated; applies LOG_LEVEL.
     */
    public static RunnerSettings settings(Map<String, String> env, String configPath, Purpose purpose) {
        RunnerSettings settings = load(env, configFile(env, configPath),
                region -> new KmsDecryptor(AwsClients.kms(region))::decrypt, purpose);
        LogLevel.apply(settings.logLevel());
        return settings;
    }

    /**
     * @param decryptorForRegion gives, for the configured AWS region, the (variable name, base64 ciphertext)
     *                           → plaintext function; asked at most once, and only when a variable this
     *                           command uses is encrypted and not overridden by the environment
     */
    public static RunnerSettings load(Map<String, String> env, Path configFile,
                                      Function<String, BiFunction<String, String, String>> decryptorForRegion) {
        return load(env, configFile, decryptorForRegion, Purpose.RUN);
    }

    public static RunnerSettings load(Map<String, String> env, Path configFile,
                                      Function<String, BiFunction<String, String, String>> decryptorForRegion,
                                      Purpose purpose) {
        ConfigFile file = configFile == null ? ConfigFile.empty() : ConfigFile.read(configFile);
        Map<String, String> values = new HashMap<>(file.plaintext());
        Map<String, String> encrypted = new TreeMap<>();
        file.encrypted().forEach((name, ciphertext) -> {
            if (env.containsKey(name)) {
                return;
            }
            if (purpose.uses(name)) {
                encrypted.put(name, ciphertext);
                values.put(name, "<encrypted>");
            } else {
                values.remove(name);
            }
        });
        values.putAll(env);
        if (encrypted.containsKey(REGION)) {
            throw new ConfigurationException(List.of(REGION + " cannot be encrypted: it names the region of the KMS"
                    + " key that decrypts the other variables. Move it to PLAINTEXT_VARIABLES or the environment."));
        }
        // First pass: everything but what only decryption can tell, so a bad value fails before any KMS call.
        RunnerSettings checked = RunnerSettings.from(values, purpose, encrypted.keySet());
        if (encrypted.isEmpty()) {
            return checked.from(configFile, Set.of());
        }
        BiFunction<String, String, String> decrypt = decryptorForRegion.apply(checked.awsRegion());
        Map<String, String> plaintexts = new HashMap<>();
        encrypted.forEach((name, ciphertext) -> plaintexts.put(name, decrypt.apply(name, ciphertext)));
        values.putAll(plaintexts);
        try {
            return RunnerSettings.from(values, purpose).from(configFile, encrypted.keySet());
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.problems().stream().map(p -> hide(p, plaintexts)).toList());
        }
    }

    /** A decrypted value was encrypted for a reason: a problem shows where it is wrong, never the value. */
    private static String hide(String problem, Map<String, String> plaintexts) {
        String shown = problem;
        for (Map.Entry<String, String> decrypted : plaintexts.entrySet()) {
            String value = decrypted.getValue();
            String hidden = "(the decrypted value of " + decrypted.getKey() + ", not shown)";
            for (String form : value.isBlank() ? List.<String>of() : List.of(value, value.strip())) {
                shown = shown.replace("'" + form + "'", hidden).replace("(" + form + ")", hidden);
            }
        }
        return shown;
    }

    /**
     * The file named by --config, else {@code connector-config/$ENVIRONMENT.yaml}, else (where today's poller
     * keeps it) {@code config/$ENVIRONMENT.yaml}, else none.
     */
    public static Path configFile(Map<String, String> env, String explicitPath) {
        return configFile(env, explicitPath, Path.of(""));
    }

    /** @param baseDir where the relative paths start (the working directory) */
    static Path configFile(Map<String, String> env, String explicitPath, Path baseDir) {
        if (explicitPath != null) {
            return Path.of(explicitPath);
        }
        String environment = env.get(Setting.ENVIRONMENT.env().orElseThrow());
        if (environment == null || environment.isBlank()) {
            return null;
        }
        Path ours = ConfigFile.forEnvironment(baseDir, environment.trim());
        Path pollers = ConfigFile.forPollerEnvironment(baseDir, environment.trim());
        // A missing file is reported under our own name, the one the README documents.
        return !Files.isRegularFile(ours) && Files.isRegularFile(pollers) ? pollers : ours;
    }
}
