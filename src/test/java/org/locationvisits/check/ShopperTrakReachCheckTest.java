package org.locationvisits.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * What the reachability request tells apart besides the simulator's 401 (see CheckCommandTest): a server whose
 * certificate the JVM does not trust, a path with no service, and a redirect.
 */
class ShopperTrakReachCheckTest {

    private static List<CheckResult> reach(String baseUrl) {
        return new ShopperTrakReachCheck(baseUrl, Duration.ofSeconds(10), true).run();
    }

    @Test
    void anUntrustedCertificateFailsTheTlsHandshake(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            List<CheckResult> results = reach("https://127.0.0.1:" + server.getAddress().getPort()
                    + "/Traffic/Customer/v2.0/");

            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
                assertThat(result.where()).endsWith("/Traffic/Customer/v2.0/service/allsites");
                assertThat(result.message()).contains("TLS handshake failed", "trusted certificates");
            });
        } finally {
            server.stop(0);
        }
    }

    @Test
    void neitherTheUrlsNorARedirectsUserInfoAndQueryArePrinted() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Location",
                    "https://hop-user:hop-pass@stws.example/Traffic/Customer/v2.0/service/allsites?token=hop-token");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://svc-user:svc-pass@127.0.0.1:" + server.getAddress().getPort()
                    + "/Traffic/Customer/v2.0/?key=abc&next=/";

            List<CheckResult> results = new ShopperTrakReachCheck(base, Duration.ofSeconds(10), false).run();

            assertThat(results).hasSize(2).allSatisfy(result ->
                    assertThat(result.line()).doesNotContain("svc-user", "svc-pass", "abc", "hop-user", "hop-pass",
                            "hop-token"));
            assertThat(results.get(0).where()).endsWith("/Traffic/Customer/v2.0/service/allsites");
            assertThat(results.get(0).message()).contains(
                    "redirecting to https://stws.example/Traffic/Customer/v2.0/service/allsites:");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPathWithoutTheServiceAndARedirectFail() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/moved/", exchange -> {
            exchange.getResponseHeaders().set("Location", "https://stws.example/Traffic/Customer/v2.0/service/allsites");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertThat(reach(base + "/wrong/")).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
                assertThat(result.message()).contains("answered 404", "SHOPPERTRAK_API_BASE_URL");
            });
            assertThat(reach(base + "/moved/")).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
                assertThat(result.message()).contains("answered 301, redirecting to https://stws.example/");
            });
        } finally {
            server.stop(0);
        }
    }
}
