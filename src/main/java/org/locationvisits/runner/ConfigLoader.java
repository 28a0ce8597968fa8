package org.locationvisits.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Merges the configuration file and the process environment (the environment wins), validates it,
 * and only then decrypts the file's KMS-encrypted variables, so a bad value is reported before any
 * network call.
 */
public final class ConfigLoader {
    private ConfigLoader() {
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
        file.encrypted().keySet().forEach(name -> values.put(name, "<encrypted>"));
        values.putAll(env);
        RunnerSettings checked = RunnerSettings.from(values, purpose);

        BiFunction<String, String, String> decrypt = null;
        for (Map.Entry<String, String> encrypted : file.encrypted().entrySet()) {
            String name = encrypted.getKey();
            if (env.containsKey(name)) {
                continue;
            }
            if (!purpose.uses(name)) {
                values.remove(name);
                continue;
            }
            if (decrypt == null) {
                decrypt = decryptorForRegion.apply(checked.awsRegion());
            }
            values.put(name, decrypt.apply(name, encrypted.getValue()));
        }
        return RunnerSettings.from(values, purpose);
    }

    /** The file named by --config, else {@code connector-config/$ENVIRONMENT.yaml}, else none. */
    public static Path configFile(Map<String, String> env, String explicitPath) {
        if (explicitPath != null) {
            return Path.of(explicitPath);
        }
        String environment = env.get("ENVIRONMENT");
        if (environment == null || environment.isBlank()) {
            return null;
        }
        return ConfigFile.forEnvironment(Path.of(""), environment.trim());
    }
}
