package org.locationvisits.config;

import java.util.Arrays;
import java.util.Optional;

/** Finds a {@link Setting} row by the name an operator writes: the main job's variable or a connector key. */
public final class SettingIndex {
    private SettingIndex() {
    }

    /** The row of the main job's variable {@code variable} (not an alias). */
    public static Optional<Setting> byEnv(String variable) {
        return Arrays.stream(Setting.values()).filter(s -> s.env().filter(variable::equals).isPresent()).findFirst();
    }

    /** {@code key}'s setting, of the source or the sink connector. */
    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(Setting.values())
                .filter(s -> s.sourceKey().filter(key::equals).isPresent() || s.sinkKey().filter(key::equals).isPresent())
                .findFirst();
    }
}
