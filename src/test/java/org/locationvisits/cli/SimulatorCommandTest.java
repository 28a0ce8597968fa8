package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

import picocli.CommandLine;

class SimulatorCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Context context = new Context(Map.of(), region -> null, Clock.systemUTC(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    /** The command with its options parsed as the jar parses them, not yet started. */
    private SimulatorCommand parsed(String... args) {
        CommandLine cli = Main.commandLine(context);
        String[] line = new String[args.length + 1];
        line[0] = "simulator";
        System.arraycopy(args, 0, line, 1, args.length);
        cli.parseArgs(line);
        return cli.getSubcommands().get("simulator").getCommand();
    }

    private int run(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "simulator";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(context, line);
    }

    @Test
    void startsWithOptionsAndPrintsTheBaseUrl() throws Exception {
        try (ShopperTrakSimulator simulator = parsed("--port", "0", "--sites", "3", "--username", "u",
                "--password", "p", "--busy", "2", "--quota-after", "9", "--seed", "4").start(context.out())) {
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
        try (ShopperTrakSimulator simulator = parsed("--port", "0", "--fault", "dateMismatch=true",
                "--fault", "delayMs=20", "--fault", "siteError=aa lib:E110").start(context.out())) {
            assertThat(simulator.faults().snapshot()).containsEntry("dateMismatch", true)
                    .containsEntry("delayMs", 20L);
        }
        assertThatThrownBy(() -> parsed("--port", "0", "--fault", "sunny=true").start(context.out()))
                .hasMessageContaining("Unknown fault 'sunny'");
    }

    @Test
    void returnsUsageErrorForBadArguments() {
        assertThat(run("--port", "many")).isEqualTo(2);
        assertThat(run("--sites", "3")).isEqualTo(2);
        assertThat(run("--port", "0", "--colour", "red")).isEqualTo(2);
        assertThat(run("--port")).isEqualTo(2);
        assertThat(run("--port", "0", "--fault", "sunny=true")).as("an unknown fault").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown fault 'sunny'")
                .contains("usage: java -jar location-visits-poller.jar simulator");
    }

    @Test
    void explainsWhatIsWrongWithAnArgument() {
        assertThat(run("--port", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--port': 'x'");
    }

    @Test
    void helpListsTheOptionsAndTheFaults() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--port N", "--fault NAME=VALUE",
                "--missing-site ID", "lateCorrections=true");
    }

    @Test
    void leavesMissingSitesOutAndTurnsOnLateCorrections() throws Exception {
        try (ShopperTrakSimulator simulator = parsed("--port", "0", "--sites", "5", "--missing-site", "aa lib",
                "--missing-site", "snfl", "--fault", "lateCorrections=true").start(context.out())) {
            assertThat(simulator.traffic().sitesInAllSites()).containsExactly("bronx lib", "ep 42nd st", "schwarzman");
            assertThat(simulator.faults().snapshot()).containsEntry("lateCorrections", true);
        }
    }
}
