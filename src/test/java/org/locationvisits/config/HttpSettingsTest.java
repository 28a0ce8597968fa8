package org.locationvisits.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** HTTP_PORT and HTTP_BIND: the main job's endpoints are off unless a port is set; the bind is an IP literal. */
class HttpSettingsTest {
    @Test
    void endpointsAreOffByDefaultAndListenOnEveryInterfaceWhenOn() {
        RunnerSettings unset = RunnerSettings.from(env());
        Map<String, String> empty = env();
        empty.put("HTTP_PORT", "");
        Map<String, String> on = env();
        on.put("HTTP_PORT", "9464");

        assertThat(unset.httpPort()).isZero();
        assertThat(RunnerSettings.from(empty).httpPort()).isZero();
        assertThat(RunnerSettings.from(on).httpPort()).isEqualTo(9464);
        assertThat(RunnerSettings.from(on).httpBind()).isEqualTo("0.0.0.0");
        assertThat(Setting.HTTP_PORT.spec().usedBy()).containsExactly(Purpose.RUN);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "HTTP_PORT|65536|HTTP_PORT must be a whole number from 0 to 65535",
        "HTTP_PORT|-1|HTTP_PORT must be a whole number from 0 to 65535",
        "HTTP_PORT|http|HTTP_PORT must be a whole number from 0 to 65535",
        "HTTP_BIND|localhost|HTTP_BIND must be an IP address such as 0.0.0.0",
        "HTTP_BIND|256.0.0.1|HTTP_BIND must be an IP address such as 0.0.0.0",
        "HTTP_BIND|1.2.3|HTTP_BIND must be an IP address such as 0.0.0.0",
        "HTTP_BIND|::g|HTTP_BIND must be an IP address such as 0.0.0.0",
    })
    void aBadValueNamesItsVariable(String variable, String value, String message) {
        Map<String, String> env = env();
        env.put(variable, value);

        assertThatThrownBy(() -> RunnerSettings.from(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "0.0.0.0", "10.1.255.7", "::", "::1", "fe80::1"})
    void ipLiteralsAreAccepted(String address) {
        Map<String, String> env = env();
        env.put("HTTP_BIND", address);

        assertThat(RunnerSettings.from(env).httpBind()).isEqualTo(address);
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_USERNAME", "user");
        env.put("SHOPPERTRAK_PASSWORD", "secret");
        env.put("IGNORE_CACHE", "true");
        env.put("IGNORE_KINESIS", "true");
        env.put("LAST_POLL_DATE", "2024-03-24");
        return env;
    }
}
