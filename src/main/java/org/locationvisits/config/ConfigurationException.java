package org.locationvisits.config;

import java.util.List;

/** Every configuration problem found at start-up, each naming its variable. */
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super("Configuration is not valid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
