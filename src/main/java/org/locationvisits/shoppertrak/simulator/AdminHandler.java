package org.locationvisits.shoppertrak.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Runtime control for people testing the poller against a running simulator:
 * {@code POST /admin/faults?busy=3&quotaAfter=5} (or a form body), {@code GET /admin/faults},
 * {@code POST /admin/reset} (faults and request log), {@code GET /admin/requests}.
 */
final class AdminHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Faults faults;
    private final RequestLog requestLog;

    AdminHandler(Faults faults, RequestLog requestLog) {
        this.faults = faults;
        this.requestLog = requestLog;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            switch (method + " " + path) {
                case "POST /admin/faults" -> {
                    Map<String, String> settings = Exchanges.query(exchange.getRequestURI().getRawQuery());
                    try (InputStream body = exchange.getRequestBody()) {
                        settings.putAll(Exchanges.query(new String(body.readAllBytes(), StandardCharsets.UTF_8).trim()));
                    }
                    try {
                        faults.apply(settings);
                    } catch (IllegalArgumentException e) {
                        Exchanges.send(exchange, 400, "text/plain", e.getMessage() + "\n");
                        return;
                    }
                    json(exchange, faults.snapshot());
                }
                case "GET /admin/faults" -> json(exchange, faults.snapshot());
                case "POST /admin/reset" -> {
                    faults.reset();
                    requestLog.clear();
                    json(exchange, faults.snapshot());
                }
                case "GET /admin/requests" -> json(exchange, requestLog.asMaps());
                default -> Exchanges.send(exchange, 404, "text/plain", "Admin endpoints: POST /admin/faults, "
                        + "GET /admin/faults, POST /admin/reset, GET /admin/requests\n");
            }
        }
    }

    private static void json(HttpExchange exchange, Object value) throws IOException {
        Exchanges.send(exchange, 200, "application/json", JSON.writeValueAsString(value) + "\n");
    }
}
