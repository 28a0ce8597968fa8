package org.locationvisits.endpoints;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The main job's HTTP endpoints on the JDK's HTTP server: {@code GET /health/live}, {@code GET /health/ready} (200,
 * or 503 with the reason as plain text) and {@code GET /metrics} (the Prometheus client's handler: text format, or
 * OpenMetrics when asked). Requests are served on one thread of the server's own that only reads the job's
 * published state, so a scrape never blocks the poll loop; {@link #close()} stops it and leaves no thread behind.
 */
public final class EndpointServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EndpointServer.class);
    /** The name of the one thread that answers requests. */
    public static final String THREAD_NAME = "http-endpoints";

    /** Why the job's loop is not alive, or empty while it is. */
    @FunctionalInterface
    public interface Liveness extends Supplier<Optional<String>> {
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private EndpointServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address} (port 0: a free one) and serves until closed.
     *
     * @throws BindException when the address cannot be bound (e.g. the port is taken)
     */
    public static EndpointServer start(InetSocketAddress address, Liveness liveness, Readiness readiness,
                                       PrometheusRegistry registry) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/health/live", onlyGet(exchange -> answer(exchange, liveness.get(), "live")));
        server.createContext("/health/ready", onlyGet(exchange -> answer(exchange, readiness.problem(),
                readiness.ready())));
        server.createContext("/metrics", onlyGet(new MetricsHandler(registry)));
        server.createContext("/", exchange -> text(exchange, 404, "not found: the endpoints are GET /health/live, "
                + "/health/ready and /metrics"));
        server.start();
        return new EndpointServer(server, executor);
    }

    /**
     * The main job's endpoints on {@code port} of {@code bind} (an IP literal), or none when the port is 0.
     *
     * @throws IllegalStateException when the port cannot be bound: a start-up error naming the port and what to do
     */
    public static Optional<EndpointServer> forMainJob(int port, String bind, Liveness liveness, Readiness readiness,
                                                      PrometheusRegistry registry) {
        if (port == 0) {
            return Optional.empty();
        }
        InetSocketAddress address = new InetSocketAddress(literal(bind), port);
        try {
            EndpointServer server = start(address, liveness, readiness, registry);
            log.info("HTTP endpoints on {}:{}: /health/live, /health/ready, /metrics", bind, server.port());
            return Optional.of(server);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP_PORT " + port + ": cannot listen on " + bind + ":" + port + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "). Free the port, "
                    + "or set HTTP_PORT to a free port (HTTP_BIND to an address of this host), or HTTP_PORT=0 to "
                    + "serve no endpoints", e);
        }
    }

    /** The port listened on (the one chosen, when asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening at once (an answer being written is cut) and ends the server's threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("An HTTP endpoint request did not end within 5 s of the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetAddress literal(String bind) {
        try {
            return InetAddress.getByName(bind); // an IP literal (HTTP_BIND's rule): parsed, never looked up
        } catch (IOException e) {
            throw new IllegalStateException("HTTP_BIND " + bind + " is not an IP address; set e.g. 0.0.0.0", e);
        }
    }

    private static HttpHandler onlyGet(HttpHandler handler) {
        return exchange -> {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "only GET is served here");
                return;
            }
            handler.handle(exchange);
        };
    }

    /** 200 and {@code fine} when there is no problem, else 503 and the problem. */
    private static void answer(HttpExchange exchange, Optional<String> problem, String fine) throws IOException {
        if (problem.isPresent()) {
            text(exchange, 503, "not " + (exchange.getHttpContext().getPath().endsWith("live") ? "live" : "ready")
                    + ": " + problem.get());
        } else {
            text(exchange, 200, fine);
        }
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
