package org.locationvisits.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * KMS has no emulator here: this speaks just enough of its JSON 1.1 protocol ({@code TrentService.Decrypt})
 * for the real {@code KmsClient}. "Encryption" hands out a random token that decrypts to the registered plaintext.
 */
public final class KmsStub implements AutoCloseable {
    public static final String KEY_ID = "arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, String> plaintexts = new ConcurrentHashMap<>();
    private final AtomicInteger decryptCalls = new AtomicInteger();
    private volatile int errorStatus;
    private volatile String errorType;

    private KmsStub(HttpServer server) {
        this.server = server;
    }

    public static KmsStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            KmsStub stub = new KmsStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a base64 ciphertext that this stub decrypts to {@code plaintext}. */
    public String register(String plaintext) {
        byte[] token = new byte[48];
        RANDOM.nextBytes(token);
        String ciphertext = Base64.getEncoder().encodeToString(token);
        plaintexts.put(ciphertext, plaintext);
        return ciphertext;
    }

    /** From now on every Decrypt answers this error, e.g. 400 AccessDeniedException. */
    public void failDecryptsWith(int status, String type) {
        this.errorType = type;
        this.errorStatus = status;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int decryptCalls() {
        return decryptCalls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] request = body.readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || !"TrentService.Decrypt".equals(target)) {
                error(exchange, 400, "UnknownOperationException", "this stub only implements TrentService.Decrypt");
                return;
            }
            decryptCalls.incrementAndGet();
            if (errorType != null) {
                error(exchange, errorStatus, errorType, "configured failure");
                return;
            }
            JsonNode blob = JSON.readTree(request).get("CiphertextBlob");
            String plaintext = blob == null ? null : plaintexts.get(blob.asText());
            if (plaintext == null) {
                error(exchange, 400, "InvalidCiphertextException", null);
                return;
            }
            ObjectNode answer = JSON.createObjectNode()
                    .put("KeyId", KEY_ID)
                    .put("Plaintext", Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8)))
                    .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
            send(exchange, 200, JSON.writeValueAsBytes(answer));
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode answer = JSON.createObjectNode().put("__type", type);
        if (message != null) {
            answer.put("message", message);
        }
        send(exchange, status, JSON.writeValueAsBytes(answer));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
