package org.locationvisits.check;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLException;

import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.shoppertrak.ShopperTrakSettings;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * ShopperTrak reachable, without spending a call: ShopperTrak has no request that costs no quota, and every
 * authenticated request may count against the account's daily limit, so this one carries no credentials (it cannot
 * be counted against an account) and no date. The service path of {@code allsites} must answer 401: that proves
 * DNS, the network, TLS and the service path. The credentials themselves can only be proved by a data call, which
 * {@code check --call-api} spends.
 */
final class ShopperTrakReachCheck implements Check {
    static final String WHAT = "ShopperTrak reachable";
    static final String CREDENTIALS = "ShopperTrak credentials";

    private final String baseUrl;
    private final Duration timeout;
    private final boolean callApi;

    /** @param callApi whether {@code --call-api} proves the credentials afterwards (else this says how to) */
    ShopperTrakReachCheck(String baseUrl, Duration timeout, boolean callApi) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.callApi = callApi;
    }

    @Override
    public List<CheckResult> run() {
        // The URL the job calls (a query in the base URL kept), shown without user info and query: they may hold a
        // secret.
        HttpUrl request = HttpUrl.get(ShopperTrakSettings.serviceUrl(baseUrl)).newBuilder()
                .addPathSegment("allsites").build();
        String url = SchemaFetcher.redact(request.toString());
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).followRedirects(false).build();
        CheckResult reach;
        try (Response response = http.newCall(new Request.Builder().url(request).get().build()).execute()) {
            String channel = response.handshake() == null ? "plain HTTP, no TLS"
                    : response.handshake().tlsVersion().javaName();
            int status = response.code();
            if (status == 401 || status == 403) {
                reach = CheckResult.ok(WHAT, url, "answered " + status + " to a request without credentials and"
                        + " date, as it should (" + channel + "); no API call was spent");
            } else if (status == 404) {
                reach = CheckResult.fail(WHAT, url, "answered 404: no ShopperTrak service there. Check"
                        + " SHOPPERTRAK_API_BASE_URL (e.g. https://stws.shoppertrak.com/Traffic/Customer/v2.0/)");
            } else if (response.isRedirect()) {
                reach = CheckResult.fail(WHAT, url, "answered " + status + ", redirecting to "
                        + location(response) + ": set SHOPPERTRAK_API_BASE_URL to where it points");
            } else {
                reach = CheckResult.fail(WHAT, url, "answered " + status + " to a request without credentials ("
                        + channel + "), where ShopperTrak answers 401. Check SHOPPERTRAK_API_BASE_URL and any proxy"
                        + " in between");
            }
        } catch (SSLException e) {
            reach = CheckResult.fail(WHAT, url, "the TLS handshake failed (" + e.getMessage() + "). Check the"
                    + " host name in SHOPPERTRAK_API_BASE_URL and the JVM's trusted certificates");
        } catch (IOException e) {
            reach = CheckResult.fail(WHAT, url, "unreachable (" + e + "). Check SHOPPERTRAK_API_BASE_URL, DNS and"
                    + " outbound HTTPS from the task");
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        if (callApi) {
            return List.of(reach);
        }
        return List.of(reach, CheckResult.skip(CREDENTIALS, url, "not checked: ShopperTrak has no request that"
                + " proves them without counting against the daily call limit; run check --call-api to spend one"));
    }

    /** Where a redirect points, without user info and query (which may hold a secret). */
    private static String location(Response response) {
        String header = response.header("Location");
        HttpUrl target = header == null ? null : response.request().url().resolve(header);
        return target == null ? "an unreadable Location" : SchemaFetcher.redact(target.toString());
    }
}
