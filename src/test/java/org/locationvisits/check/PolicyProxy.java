package org.locationvisits.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An S3 bucket policy in front of a real S3 stand-in: a PUT (or DELETE) of a refused key answers 403 AccessDenied
 * before the stand-in sees it, as S3 evaluates the policy before any precondition (S3Proxy checks {@code If-Match}
 * before its blob store is asked, so a refusal inside it would come too late). Everything else is forwarded byte
 * for byte, the Host header included, so the client's signature still holds. It can also let another writer act
 * just before the next PUT is forwarded.
 */
final class PolicyProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "transfer-encoding",
            "connection", "expect");

    private final HttpServer server;
    private final URI upstream;
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false)
            .retryOnConnectionFailure(false).build();
    private final Set<String> refusedPuts = new CopyOnWriteArraySet<>();
    private final Set<String> refusedDeletes = new CopyOnWriteArraySet<>();
    private final AtomicReference<Runnable> beforeNextPut = new AtomicReference<>();

    private PolicyProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static PolicyProxy in(URI upstream) {
        try {
            return new PolicyProxy(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on a PUT of {@code /bucket/key} (path style) is refused; reads stay allowed. */
    void refusePut(String bucket, String key) {
        refusedPuts.add("/" + bucket + "/" + key);
    }

    /** From now on a DELETE of {@code /bucket/key} (path style) is refused. */
    void refuseDelete(String bucket, String key) {
        refusedDeletes.add("/" + bucket + "/" + key);
    }

    /** Runs {@code writer} once, just before the next PUT (of any key) is forwarded: another writer in between. */
    void beforeNextPut(Runnable writer) {
        beforeNextPut.set(writer);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("PUT".equals(method) && refusedPuts.contains(path)
                    || "DELETE".equals(method) && refusedDeletes.contains(path)) {
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                        + "<Message>Access Denied</Message></Error>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.sendResponseHeaders(403, xml.length);
                exchange.getResponseBody().write(xml);
                return;
            }
            Runnable writer = "PUT".equals(method) ? beforeNextPut.getAndSet(null) : null;
            if (writer != null) {
                writer.run();
            }
            Request.Builder request = new Request.Builder()
                    .url(upstream.resolve(exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null ? ""
                            : "?" + exchange.getRequestURI().getRawQuery())).toString())
                    .header("Host", exchange.getRequestHeaders().getFirst("Host"));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(value -> request.addHeader(header.getKey(), value));
                }
            }
            boolean hasBody = "PUT".equals(method) || "POST".equals(method);
            request.method(method, hasBody ? RequestBody.create(body, (MediaType) null) : null);
            try (Response response = http.newCall(request.build()).execute()) {
                byte[] answer = response.body().bytes();
                response.headers().forEach(header -> {
                    if (!NOT_FORWARDED.contains(header.getFirst().toLowerCase(Locale.ROOT))) {
                        exchange.getResponseHeaders().add(header.getFirst(), header.getSecond());
                    }
                });
                exchange.sendResponseHeaders(response.code(), "HEAD".equals(method) || answer.length == 0 ? -1
                        : answer.length);
                if (answer.length > 0 && !"HEAD".equals(method)) {
                    OutputStream out = exchange.getResponseBody();
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
