package org.locationvisits.shoppertrak.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.locationvisits.shoppertrak.ApiVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Answers {@code allsites} and {@code site/{id}} under one version's service path the way ShopperTrak
 * does, faults included. The other version's parameters on this path are refused like any bad parameter.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "E000", "Server is down", "E101", "Site ID not found", "E104", "Site ID has multiple matches",
            "E107", "Daily API call limit exceeded", "E108", "Server is busy",
            "E110", "User does not have access to the site");

    private final SimulatedTraffic traffic;
    private final Faults faults;
    private final RequestLog requestLog;
    private final byte[] expectedAuthorization;
    private final ApiVersion pathVersion;

    ApiHandler(ApiVersion pathVersion, SimulatedTraffic traffic, Faults faults, RequestLog requestLog,
               String username, String password) {
        this.pathVersion = pathVersion;
        this.traffic = traffic;
        this.faults = faults;
        this.requestLog = requestLog;
        this.expectedAuthorization = ("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath()
                    .substring(ShopperTrakSimulator.servicePath(pathVersion).length());
            String siteId = rest.startsWith("site/") && rest.length() > 5 ? rest.substring(5) : null;
            if (!"GET".equals(exchange.getRequestMethod()) || (siteId == null && !rest.equals("allsites"))) {
                Exchanges.send(exchange, 404, "text/plain", "No such endpoint: " + exchange.getRequestMethod()
                        + " " + exchange.getRequestURI().getPath() + " (try GET allsites or site/{siteID})\n");
                return;
            }
            String endpoint = siteId == null ? "allsites" : "site/" + siteId;
            Map<String, String> q = Exchanges.query(exchange.getRequestURI().getRawQuery());
            LocalDate date = date(q.get("date"));
            ApiVersion version = version(q);
            if (!authorized(exchange)) {
                record(endpoint, date, version, "401");
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ShopperTrak simulator\"");
                Exchanges.send(exchange, 401, "text/plain", "Wrong username or password\n");
                return;
            }
            String problem = problem(q, date, version, pathVersion);
            if (problem != null) {
                record(endpoint, date, version, "400");
                Exchanges.send(exchange, 400, "application/xml", Exchanges.errorXml("E400", problem));
                return;
            }
            answer(exchange, endpoint, siteId, date, version);
        } catch (RuntimeException | IOException e) {
            log.warn("Simulator failed to answer {}: {}", exchange.getRequestURI(), e.toString());
        }
    }

    private void answer(HttpExchange exchange, String endpoint, String siteId, LocalDate date, ApiVersion version)
            throws IOException {
        FaultDecision d = faults.next(siteId);
        if (d.delayMillis() > 0) {
            try {
                Thread.sleep(d.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String code = d.code();
        String extraSite = faults.extraSite();
        if (d.kind() == FaultDecision.Kind.OK && siteId != null && !traffic.hasSite(siteId)
                && !siteId.equals(extraSite)) {
            code = "E101";
        }
        if (d.kind() == FaultDecision.Kind.HTTP_500) {
            record(endpoint, date, version, "500");
            Exchanges.send(exchange, 500, "text/plain", "Simulated internal server error\n");
            return;
        }
        // Logged before the body goes out, so a caller that has read the answer also sees the entry.
        record(endpoint, date, version, code != null ? code : d.kind() == FaultDecision.Kind.OK ? "rows"
                : d.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (code != null) {
            Exchanges.send(exchange, 200, "application/xml",
                    Exchanges.errorXml(code, DESCRIPTIONS.getOrDefault(code, "Simulated error")));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=UTF-8");
        exchange.sendResponseHeaders(200, 0);
        List<String> sites = siteId == null ? withExtra(traffic.sitesInAllSites(), extraSite) : List.of(siteId);
        boolean corrected = siteId != null && (faults.lateCorrections() && requestLog.wasServed(date, siteId)
                || faults.correctedByNow(date, siteId));
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                DripStream.of(exchange.getResponseBody(), d.dripMillis()), StandardCharsets.UTF_8), 1 << 16)) {
            switch (d.kind()) {
                case DATE_MISMATCH -> traffic.write(date, date.plusDays(1), sites, version, false,
                        d.oversizeBytes(), out);
                case MALFORMED -> out.write("<?xml version=\"1.0\" ?>\n<sites>\n  <site siteID=\"aa lib\">\n"
                        + "    <date dateValue=\"" + date.format(DATE) + "\">\n      <entrance name=\"EP 01\">\n"
                        + "        <traffic code=\"01\" exits=\"3\" ent");
                case NO_TRAFFIC -> out.write("<?xml version=\"1.0\" ?>\n<sites>\n  <site siteID=\"aa lib\">\n"
                        + "    <date dateValue=\"" + date.format(DATE) + "\"/>\n  </site>\n</sites>\n");
                default -> {
                    traffic.write(date, date, sites, version, corrected, d.oversizeBytes(), out);
                    requestLog.served(date, sites);
                }
            }
        }
    }

    private static List<String> withExtra(List<String> sites, String extraSite) {
        if (extraSite == null || sites.contains(extraSite)) {
            return sites;
        }
        List<String> all = new java.util.ArrayList<>(sites);
        all.add(extraSite);
        return all;
    }

    private void record(String endpoint, LocalDate date, ApiVersion version, String answer) {
        requestLog.add(new RequestLog.Request(Instant.now(), endpoint, date, version, answer));
        log.debug("Simulator {} date={} version={} -> {}", endpoint, date, version, answer);
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null
                && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }

    private static LocalDate date(String value) {
        try {
            return value == null ? null : LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** v2 when its parameters are present, v1 when only its own are, else null. */
    private static ApiVersion version(Map<String, String> q) {
        if (q.containsKey("total_property_only") || q.containsKey("detail")) {
            return q.containsKey("total_property") ? null : ApiVersion.V2;
        }
        return q.containsKey("total_property") ? ApiVersion.V1 : null;
    }

    private static String problem(Map<String, String> q, LocalDate date, ApiVersion version, ApiVersion path) {
        if (date == null) {
            return "date must be YYYYMMDD, got '" + q.get("date") + "'";
        }
        if (!"15".equals(q.get("increment"))) {
            return "increment must be 15, got '" + q.get("increment") + "'";
        }
        if (version == null) {
            return "expected v1 (total_property=N) or v2 (total_property_only=false&detail=entrance) parameters";
        }
        if (version != path) {
            return "API " + version + " parameters on the API " + path + " path " + ShopperTrakSimulator.servicePath(path)
                    + "; use " + ShopperTrakSimulator.servicePath(version) + " or the " + path + " parameters";
        }
        Map<String, String> expected = version.queryParameters(date);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(q.get(e.getKey()))) {
                return e.getKey() + " must be " + e.getValue() + " for API " + version + ", got '"
                        + q.get(e.getKey()) + "'";
            }
        }
        return null;
    }
}
