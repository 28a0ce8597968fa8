package org.locationvisits.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML configuration file as the Python poller read it: {@code PLAINTEXT_VARIABLES} and
 * {@code ENCRYPTED_VARIABLES} (base64 KMS ciphertexts) sections, or a flat map of plain variables.
 */
public record ConfigFile(Path path, Map<String, String> plaintext, Map<String, String> encrypted) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static ConfigFile empty() {
        return new ConfigFile(null, Map.of(), Map.of());
    }

    /** {@code connector-config/<environment>.yaml} under {@code baseDir}. */
    public static Path forEnvironment(Path baseDir, String environment) {
        return baseDir.resolve("connector-config").resolve(environment + ".yaml");
    }

    /** {@code config/<environment>.yaml} under {@code baseDir}: where today's Python poller keeps it. */
    public static Path forPollerEnvironment(Path baseDir, String environment) {
        return baseDir.resolve("config").resolve(environment + ".yaml");
    }

    public static ConfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigurationException(List.of("configuration file " + path.toAbsolutePath()
                    + " does not exist: check ENVIRONMENT or --config"));
        }
        JsonNode root;
        try {
            root = YAML.readTree(path.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(List.of("configuration file " + path + " is not valid YAML: "
                    + firstLine(e.getMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(path, Map.of(), Map.of());
        }
        if (!root.isObject()) {
            throw new ConfigurationException(List.of("configuration file " + path
                    + " must be a map of variables, or have PLAINTEXT_VARIABLES / ENCRYPTED_VARIABLES sections"));
        }
        if (root.has("PLAINTEXT_VARIABLES") || root.has("ENCRYPTED_VARIABLES")) {
            return new ConfigFile(path, section(path, root.get("PLAINTEXT_VARIABLES")),
                    section(path, root.get("ENCRYPTED_VARIABLES")));
        }
        return new ConfigFile(path, section(path, root), Map.of());
    }

    private static Map<String, String> section(Path path, JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            throw new ConfigurationException(List.of("a section of " + path + " is not a map of variables"));
        }
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isObject() || (value.isArray() && hasContainer(value))) {
                throw new ConfigurationException(List.of(field.getKey() + " in " + path
                        + " must be a single value or a list of values, not a map"));
            }
            // A list (BAD_POLL_DATES) becomes a JSON array, as it may be written in an environment variable.
            values.put(field.getKey(), value.isNull() ? "" : value.isArray() ? value.toString() : value.asText());
        });
        return values;
    }

    private static boolean hasContainer(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
