package org.locationvisits.shoppertrak.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.locationvisits.shoppertrak.ApiVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

/**
 * The QA version of the ShopperTrak API that ShopperTrak does not have: same URLs, Basic auth,
 * parameters, XML and error codes, with deterministic data and switchable faults, listening on
 * 127.0.0.1 only. API v1 is served under {@code /Traffic/Customer/v1.0/service/}, v2 under
 * {@code /Traffic/Customer/v2.0/service/}.
 */
public final class ShopperTrakSimulator implements AutoCloseable {
    /** The API v1 service path. */
    public static final String SERVICE_PATH = "/Traffic/Customer/v1.0/service/";
    public static final String SERVICE_PATH_V2 = "/Traffic/Customer/v2.0/service/";
    private static final Logger log = LoggerFactory.getLogger(ShopperTrakSimulator.class);

    private final Builder options;
    private final SimulatedTraffic traffic;
    private final Faults faults;
    private final RequestLog requestLog = new RequestLog();
    private HttpServer server;
    private ExecutorService executor;

    private ShopperTrakSimulator(Builder options) {
        this.options = options;
        this.traffic = new SimulatedTraffic(options.sites, options.seed, 0, options.missingSites);
        this.faults = options.faults;
        if (options.lateCorrections) {
            faults.lateCorrections(true);
        }
    }

    /** The service path of an API version, ending with '/'. */
    public static String servicePath(ApiVersion version) {
        return version == ApiVersion.V2 ? SERVICE_PATH_V2 : SERVICE_PATH;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; port 0 picks a free port. */
    public synchronized ShopperTrakSimulator start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("Simulator already started at " + baseUrl());
        }
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port), 50);
        for (ApiVersion version : ApiVersion.values()) {
            s.createContext(servicePath(version),
                    new ApiHandler(version, traffic, faults, requestLog, options.username, options.password));
        }
        s.createContext("/admin/", new AdminHandler(faults, requestLog));
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "shoppertrak-simulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(executor);
        s.start();
        server = s;
        log.info("ShopperTrak simulator serving {} sites at {}", traffic.siteIds().size(), baseUrl());
        return this;
    }

    /** The value for SHOPPERTRAK_API_BASE_URL in its 2024 form: the API v1 service URL, ending with '/'. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + SERVICE_PATH;
    }

    /**
     * The value for SHOPPERTRAK_API_BASE_URL in today's form, ending with the version and no
     * {@code service/}: {@code http://127.0.0.1:<port>/Traffic/Customer/v2.0/} for v2.
     */
    public String baseUrl(ApiVersion version) {
        String path = servicePath(version);
        return "http://127.0.0.1:" + port() + path.substring(0, path.length() - "service/".length());
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("Simulator not started");
        }
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    public SimulatedTraffic traffic() {
        return traffic;
    }

    public String username() {
        return options.username;
    }

    public String password() {
        return options.password;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            log.info("ShopperTrak simulator stopped");
        }
    }

    /** Options; every one has a default that works. */
    public static final class Builder {
        private int port;
        private int sites = 90;
        private String username = "simulator";
        private String password = "simulator";
        private long seed = 1;
        private Faults faults = new Faults();
        private boolean lateCorrections;
        private List<String> missingSites = List.of();

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder sites(int sites) {
            if (sites < 1) {
                throw new IllegalArgumentException("sites must be at least 1, got " + sites);
            }
            this.sites = sites;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        /** Turns on {@link Faults#lateCorrections} at start (an admin reset turns it off, like any fault). */
        public Builder lateCorrections(boolean on) {
            this.lateCorrections = on;
            return this;
        }

        /** Sites left out of allsites answers; {@code site/{id}} still answers them. Each must be a simulated site. */
        public Builder missingSites(Collection<String> siteIds) {
            this.missingSites = List.copyOf(siteIds);
            return this;
        }

        public ShopperTrakSimulator build() {
            return new ShopperTrakSimulator(this);
        }

        public ShopperTrakSimulator start() throws IOException {
            return build().start();
        }
    }
}
