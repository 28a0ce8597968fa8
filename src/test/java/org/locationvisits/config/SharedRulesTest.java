package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationvisits.kinesis.sink.KinesisSinkConfig;
import org.locationvisits.source.SourceConfig;

/**
 * A setting the main job and a connector share accepts and refuses the same values in both: probed with
 * values that sit on and across every rule's edges.
 */
class SharedRulesTest {
    static final List<String> PROBES = List.of("0", "1", "-1", "3", " 3 ", "+5", "100", "101", "500", "501", "65535",
            "65536", "86400", "86401", "1000000", "1000001", "99999999999", "abc", "a b", "true", "FALSE", "yes",
            "2024-03-25", "2024-13-01", "2026-3-8", "yesterday", "06:00", "6am", "25:00", "v1", "V2", "v3",
            "us-east-1", "Virginia", "http://host/", "http://host/no-slash", "ftp://host/", "https://host/path?x=1",
            "https://stws.shoppertrak.com/Traffic/Customer/v2.0/", "bundled:first", "bundled:current", "bundled:nope",
            "not a url", "LocationVisits", "arn:aws:kinesis:us-east-1:123456789012:stream/x",
            "arn:aws:kinesis:us-east-1:123:stream/x", "require", "verify-full", "on", "2026-03-08,2025-11-02",
            "[\"2026-03-08\", \"2025-11-02\"]", "[2026-03-08", "[\"2026-03-08\", 7]", "2026-03-08,");

    static Stream<Arguments> sharedSettings() {
        List<Arguments> cases = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            setting.env().ifPresent(env -> {
                setting.sourceKey().ifPresent(key -> cases.add(Arguments.of(setting, "source", key)));
                setting.sinkKey().ifPresent(key -> cases.add(Arguments.of(setting, "sink", key)));
            });
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} and the {1}''s {2}")
    @MethodSource("sharedSettings")
    void theMainJobAndTheConnectorAgreeOnEveryProbe(Setting setting, String connector, String key) {
        ConfigDef def = connector.equals("source") ? SourceConfig.CONFIG_DEF : KinesisSinkConfig.CONFIG_DEF;
        List<String> disagreements = new ArrayList<>();
        for (String probe : PROBES) {
            EnvReader env = new EnvReader(Map.of(setting.env().orElseThrow(), probe));
            env.value(setting);
            boolean envRefuses = !env.problems().isEmpty();
            boolean connectorRefuses = refuses(def, key, probe);
            if (envRefuses != connectorRefuses) {
                disagreements.add("'" + probe + "': main job " + (envRefuses ? "refuses" : "accepts") + ", "
                        + connector + " " + (connectorRefuses ? "refuses" : "accepts"));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @ParameterizedTest(name = "{0} and the {1}''s {2}")
    @MethodSource("sharedSettings")
    void bothUseTheSameDefault(Setting setting, String connector, String key) {
        ConfigDef def = connector.equals("source") ? SourceConfig.CONFIG_DEF : KinesisSinkConfig.CONFIG_DEF;
        Object connectorDefault = def.configKeys().get(key).defaultValue;
        Optional<String> tableDefault = setting.defaultText();

        if (tableDefault.isEmpty()) {
            assertThat(connectorDefault).isSameAs(ConfigDef.NO_DEFAULT_VALUE);
        } else {
            assertThat(Kind.text(connectorDefault)).isEqualTo(tableDefault.get());
        }
    }

    private static boolean refuses(ConfigDef def, String key, String value) {
        return def.validate(Map.of(key, value)).stream().filter(v -> v.name().equals(key))
                .map(ConfigValue::errorMessages).anyMatch(errors -> !errors.isEmpty());
    }
}
