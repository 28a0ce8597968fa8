package org.locationvisits.shoppertrak.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.ApiVersion;

class SimulatorCommandTest {

    @Test
    void startsWithOptionsAndPrintsTheBaseUrl() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ShopperTrakSimulator simulator = SimulatorCommand.start(new String[] {
            "simulator", "--port", "0", "--sites", "3", "--username", "u", "--password", "p", "--busy", "2",
            "--quota-after", "9", "--seed", "4"}, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "ShopperTrak simulator listening; SHOPPERTRAK_API_BASE_URL=" + simulator.baseUrl(),
                    "API v2 (today's form): SHOPPERTRAK_API_BASE_URL=" + simulator.baseUrl(ApiVersion.V2));
            assertThat(simulator.traffic().siteIds()).hasSize(3);
            assertThat(simulator.faults().snapshot()).containsEntry("busy", 2).containsEntry("quotaAfter", 9);
            assertThat(simulator.username()).isEqualTo("u");
        }
    }

    @Test
    void setsAnyFaultAtStart() throws Exception {
        try (ShopperTrakSimulator simulator = SimulatorCommand.start(new String[] {"--port", "0",
            "--fault", "dateMismatch=true", "--fault", "delayMs=20", "--fault", "siteError=aa lib:E110"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(simulator.faults().snapshot()).containsEntry("dateMismatch", true)
                    .containsEntry("delayMs", 20L);
        }
        assertThatThrownBy(() -> SimulatorCommand.start(new String[] {"--port", "0", "--fault", "sunny=true"},
                System.out)).hasMessageContaining("Unknown fault 'sunny'");
    }

    @Test
    void returnsUsageErrorForBadArguments() {
        assertThat(SimulatorCommand.run(new String[] {"--port", "many"})).isEqualTo(2);
        assertThat(SimulatorCommand.run(new String[] {"--sites", "3"})).isEqualTo(2);
        assertThat(SimulatorCommand.run(new String[] {"--port", "0", "--colour", "red"})).isEqualTo(2);
        assertThat(SimulatorCommand.run(new String[] {"--port"})).isEqualTo(2);
    }

    @Test
    void explainsWhatIsWrongWithAnArgument() {
        assertThatThrownBy(() -> SimulatorCommand.start(new String[] {"--port", "x"}, System.out))
                .hasMessageContaining("--port needs a whole number, got 'x'");
    }

    @Test
    void leavesMissingSitesOutAndTurnsOnLateCorrections() throws Exception {
        try (ShopperTrakSimulator simulator = SimulatorCommand.start(new String[] {"--port", "0", "--sites", "5",
            "--missing-site", "aa lib", "--missing-site", "snfl", "--fault", "lateCorrections=true"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertThat(simulator.traffic().sitesInAllSites()).containsExactly("bronx lib", "ep 42nd st", "schwarzman");
            assertThat(simulator.faults().snapshot()).containsEntry("lateCorrections", true);
        }
    }
}
