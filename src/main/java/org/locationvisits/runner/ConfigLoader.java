package org.locationvisits.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Merges the configuration file and the process environment (the environment wins), validates it,
 * and only then decrypts the file's KMS-encrypted variables, so a bad value is reported before any
 * network call.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * @param decrypt (variable name, base64 ciphertext) → plaintext; called only for encrypted variables
     *                the environment does not override
     */
    public static RunnerSettings load(Map<String, String> env, Path configFile,
                                      BiFunction<String, String, String> decrypt) {
        return load(env, configFile, decrypt, Purpose.RUN);
    }

    public static RunnerSettings load(Map<String, String> env, Path configFile,
                                      BiFunction<String, String, String> decrypt, Purpose purpose) {
        ConfigFile file = configFile == null ? ConfigFile.empty() : ConfigFile.read(configFile);
        Map<String, String> merged = new HashMap<>(file.plaintext());
        file.encrypted().forEach((name, ciphertext) -> merged.put(name, "<encrypted>"));
        merged.putAll(env);
        RunnerSettings.from(merged, purpose);

        Map<String, String> decrypted = new HashMap<>(file.plaintext());
        file.encrypted().forEach((name, ciphertext) -> {
            if (!env.containsKey(name) && purpose.uses(name)) {
                decrypted.put(name, decrypt.apply(name, ciphertext));
            }
        });
        decrypted.putAll(env);
        return RunnerSettings.from(decrypted, purpose);
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
