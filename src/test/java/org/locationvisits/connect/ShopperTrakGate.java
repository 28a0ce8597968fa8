package org.locationvisits.connect;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Sits between a task and the ShopperTrak simulator and holds every request for one day until the test
 * opens the gate, so a test knows a task is in the middle of that day and can restart it right there.
 */
final class ShopperTrakGate implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String upstream;
    private final String path;
    private final String heldDate;
    private final Semaphore arrivals = new Semaphore(0);
    private final CountDownLatch open = new CountDownLatch(1);

    private ShopperTrakGate(String upstreamBaseUrl, LocalDate held) throws IOException {
        URI base = URI.create(upstreamBaseUrl);
        this.upstream = base.getScheme() + "://" + base.getRawAuthority();
        this.path = base.getRawPath();
        this.heldDate = "date=" + held.format(DateTimeFormatter.BASIC_ISO_DATE);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param upstreamBaseUrl the simulator's base URL; requests keep their path */
    static ShopperTrakGate holding(String upstreamBaseUrl, LocalDate held) {
        try {
            return new ShopperTrakGate(upstreamBaseUrl, held);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL a task should use instead of the simulator's. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Blocks until one more request for the held day has arrived (and is being held). */
    void awaitRequestForHeldDay() throws InterruptedException {
        arrivals.acquire();
    }

    /** Lets every held request, and all later ones, through. */
    void open() {
        open.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.contains(heldDate)) {
                arrivals.release();
                open.await();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()));
            for (String header : new String[] {"Authorization", "Accept"}) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
