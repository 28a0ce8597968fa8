package org.locationvisits.shoppertrak.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code simulator --port N [--sites N] [--username U] [--password P] [--busy N]
 * [--quota-after K] [--fault NAME=VALUE ...] [--missing-site ID ...] [--seed S]}: runs the simulator until
 * the process is stopped.
 */
public final class SimulatorCommand {
    static final String USAGE = "usage: simulator --port N [--sites N] [--username U] [--password P] "
            + "[--busy N] [--quota-after K] [--fault NAME=VALUE ...] [--missing-site ID ...] [--seed S]\n"
            + "  faults (also settable at run time: POST /admin/faults?NAME=VALUE): busy=N, down=true, quotaAfter=K,\n"
            + "  dateMismatch=true, malformed=true, noTraffic=true, delayMs=MS, http500=N, error=CODE, siteError=ID:CODE,\n"
            + "  lateCorrections=true (site/{id} answers site-days already served with unhealthy data corrected)\n"
            + "  --missing-site ID: leave that site out of allsites answers (site/{id} still answers it)";

    private SimulatorCommand() {
    }

    /** Runs until killed; returns 2 on bad arguments, 1 when the port cannot be bound. */
    public static int run(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return 0;
        }
        ShopperTrakSimulator simulator;
        try {
            simulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (IOException e) {
            System.err.println("Cannot start the ShopperTrak simulator: " + e);
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

    /** Parses the arguments, starts the simulator and prints its base URL on one line. */
    static ShopperTrakSimulator start(String[] args, PrintStream out) throws IOException {
        ShopperTrakSimulator.Builder builder = ShopperTrakSimulator.builder();
        Faults faults = new Faults();
        java.util.List<String> missing = new java.util.ArrayList<>();
        boolean portGiven = false;
        // The runner may pass its sub-command name along; it is not an option.
        int i = args.length > 0 && args[0].equals("simulator") ? 1 : 0;
        for (; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            String value = args[i + 1];
            switch (option) {
                case "--port" -> {
                    builder.port(number(option, value));
                    portGiven = true;
                }
                case "--sites" -> builder.sites(number(option, value));
                case "--username" -> builder.username(value);
                case "--password" -> builder.password(value);
                case "--busy" -> faults.busy(number(option, value));
                case "--quota-after" -> faults.quotaAfter(number(option, value));
                case "--seed" -> builder.seed(number(option, value));
                case "--fault" -> fault(faults, value);
                case "--missing-site" -> missing.add(value);
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (!portGiven) {
            throw new IllegalArgumentException("--port is required (0 picks a free port)");
        }
        ShopperTrakSimulator simulator = builder.faults(faults).missingSites(missing).start();
        out.println("ShopperTrak simulator listening; SHOPPERTRAK_API_BASE_URL=" + simulator.baseUrl());
        out.println("API v2 (today's form): SHOPPERTRAK_API_BASE_URL="
                + simulator.baseUrl(org.locationvisits.shoppertrak.ApiVersion.V2));
        out.flush();
        return simulator;
    }

    private static void fault(Faults faults, String setting) {
        int equals = setting.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("--fault needs NAME=VALUE, e.g. dateMismatch=true, got '" + setting + "'");
        }
        faults.apply(java.util.Map.of(setting.substring(0, equals), setting.substring(equals + 1)));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
