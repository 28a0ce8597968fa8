package org.locationvisits.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.simulator.Faults;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulator --port N [--sites N] [--username U] [--password P] [--busy N] [--quota-after K]
 * [--fault NAME=VALUE ...] [--missing-site ID ...] [--seed S]}: runs the ShopperTrak simulator until the process
 * is stopped. Exit status 2 on bad arguments, 1 when the port cannot be bound.
 */
@Command(name = "simulator", description = "run the ShopperTrak simulator (see 'simulator --help')",
        footer = {"%nfaults (also settable at run time: POST /admin/faults?NAME=VALUE): busy=N, down=true,",
            "  quotaAfter=K, dateMismatch=true, malformed=true, noTraffic=true, delayMs=MS, http500=N, error=CODE,",
            "  siteError=ID:CODE, lateCorrections=true (site/{id} answers site-days already served with unhealthy",
            "  data corrected)"})
final class SimulatorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private HelpOption help;
    @Option(names = "--port", required = true, paramLabel = "N",
            description = "the port to listen on; 0 picks a free one")
    int port;
    @Option(names = "--sites", paramLabel = "N", description = "how many sites (default: 90)")
    Integer sites;
    @Option(names = "--username", paramLabel = "U", description = "the HTTP Basic user (default: simulator)")
    String username;
    @Option(names = "--password", paramLabel = "P", description = "the HTTP Basic password (default: simulator)")
    String password;
    @Option(names = "--busy", paramLabel = "N", description = "answer E108 (busy) to the next N calls")
    Integer busy;
    @Option(names = "--quota-after", paramLabel = "K", description = "answer E107 (quota) after K calls")
    Integer quotaAfter;
    @Option(names = "--fault", paramLabel = "NAME=VALUE",
            description = "set a fault at start (repeatable; see below)")
    Map<String, String> faults = new LinkedHashMap<>();
    @Option(names = "--missing-site", paramLabel = "ID",
            description = "leave that site out of allsites answers (site/{id} still answers it; repeatable)")
    List<String> missingSites = new ArrayList<>();
    @Option(names = "--seed", paramLabel = "S", description = "the seed of the simulated traffic (default: 1)")
    Integer seed;
    private final Context context;

    SimulatorCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ShopperTrakSimulator simulator;
        try {
            simulator = start(context.out());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            context.err().println("Cannot start the ShopperTrak simulator: " + e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            simulator.close();
        }
        return 0;
    }

    /** Starts the simulator as the options say and prints its base URLs, one a line. */
    ShopperTrakSimulator start(PrintStream out) throws IOException {
        ShopperTrakSimulator.Builder builder = ShopperTrakSimulator.builder().port(port);
        if (sites != null) {
            builder.sites(sites);
        }
        if (username != null) {
            builder.username(username);
        }
        if (password != null) {
            builder.password(password);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        Faults atStart = new Faults();
        if (busy != null) {
            atStart.busy(busy);
        }
        if (quotaAfter != null) {
            atStart.quotaAfter(quotaAfter);
        }
        // One at a time, in the order given, as the admin endpoint would apply them.
        faults.forEach((name, value) -> atStart.apply(Map.of(name, value)));
        ShopperTrakSimulator simulator = builder.faults(atStart).missingSites(missingSites).start();
        out.println("ShopperTrak simulator listening; SHOPPERTRAK_API_BASE_URL=" + simulator.baseUrl());
        out.println("API v2 (today's form): SHOPPERTRAK_API_BASE_URL=" + simulator.baseUrl(ApiVersion.V2));
        out.flush();
        return simulator;
    }
}
