package org.locationvisits.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One S3 object that another runner "always just changed": GET serves a configured body and ETag,
 * PUT answers 412 PreconditionFailed. s3rver ignores conditional writes, so this is how tests see
 * the {@code If-Match} / {@code If-None-Match} headers a store sends and how it handles a lost race.
 */
public final class S3ConflictStub implements AutoCloseable {
    private final HttpServer server;
    private final String path;
    private final List<Map<String, String>> puts = new CopyOnWriteArrayList<>();
    private final Deque<String> acceptedPutEtags = new ArrayDeque<>();
    private volatile String body;
    private volatile String etag;
    private volatile int putStatus = 412;
    private volatile String putCode = "PreconditionFailed";
    private volatile int getStatus;
    private volatile String getCode;

    private S3ConflictStub(HttpServer server, String bucket, String key) {
        this.server = server;
        this.path = "/" + bucket + "/" + key;
    }

    /** Serves s3://bucket/key path-style; the object is missing until {@link #object} sets it. */
    public static S3ConflictStub start(String bucket, String key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            S3ConflictStub stub = new S3ConflictStub(server, bucket, key);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET answers this body with this ETag (give it quoted, as S3 does). */
    public void object(String jsonBody, String quotedEtag) {
        this.body = jsonBody;
        this.etag = quotedEtag;
    }

    /** The next PUTs succeed and answer these ETags in order; later ones fail again. */
    public synchronized void acceptPuts(String... quotedEtags) {
        acceptedPutEtags.addAll(List.of(quotedEtags));
    }

    /** Failing PUTs answer this instead of 412 PreconditionFailed, e.g. 409 ConditionalRequestConflict. */
    public void failPutsWith(int status, String code) {
        this.putCode = code;
        this.putStatus = status;
    }

    /** Every GET answers this error, e.g. 403 AccessDenied. */
    public void failGetsWith(int status, String code) {
        this.getCode = code;
        this.getStatus = status;
    }

    /** Request headers of every PUT so far, names lower-cased, first value each. */
    public List<Map<String, String>> puts() {
        return List.copyOf(puts);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream request = exchange.getRequestBody()) {
            request.readAllBytes();
            String method = exchange.getRequestMethod();
            boolean ours = path.equals(exchange.getRequestURI().getPath());
            if ("GET".equals(method) && ours) {
                if (getCode != null) {
                    error(exchange, getStatus, getCode);
                } else if (body == null) {
                    error(exchange, 404, "NoSuchKey");
                } else {
                    exchange.getResponseHeaders().set("ETag", etag);
                    send(exchange, 200, "application/json", body);
                }
            } else if ("PUT".equals(method) && ours) {
                puts.add(headersOf(exchange));
                String newEtag = nextAcceptedEtag();
                if (newEtag != null) {
                    exchange.getResponseHeaders().set("ETag", newEtag);
                    send(exchange, 200, null, "");
                } else {
                    error(exchange, putStatus, putCode);
                }
            } else {
                error(exchange, 405, "MethodNotAllowed");
            }
        }
    }

    private synchronized String nextAcceptedEtag() {
        return acceptedPutEtags.poll();
    }

    private static Map<String, String> headersOf(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        return headers;
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        send(exchange, status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + code + " (S3ConflictStub)</Message><RequestId>STUB</RequestId>"
                + "<HostId>STUB</HostId></Error>");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.getResponseHeaders().set("x-amz-request-id", "STUB");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
