package org.locationvisits.shoppertrak;

import java.io.IOException;
import java.time.Duration;

import javax.net.ssl.SSLException;

import org.locationvisits.common.SafeUrl;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Whether the ShopperTrak service answers, without spending a call: ShopperTrak has no request that costs no
 * quota, and every authenticated request may count against the account's daily limit, so the probe carries no
 * credentials (it cannot be counted against an account) and no date. The service path of {@code allsites} must
 * answer 401 (or 403): that proves DNS, the network, TLS and the service path. Used by {@code check} and by the
 * source connector's {@code validate}.
 */
public final class ServiceProbe {
    /**
     * What the probe found.
     *
     * @param reached whether ShopperTrak answered as it should
     * @param url     the URL asked, without user info and query (they may hold a secret)
     * @param message what was found, or what is wrong and what to check
     */
    public record Reach(boolean reached, String url, String message) { }

    private ServiceProbe() {
    }

    /**
     * @param baseUrl the configured base URL (checked before: an http(s) URL ending with '/')
     * @param setting the setting's name, as the operator writes it, for the fix in a message
     * @param timeout the overall deadline of the one request
     */
    public static Reach probe(String baseUrl, String setting, Duration timeout) {
        HttpUrl request = HttpUrl.get(ShopperTrakSettings.serviceUrl(baseUrl)).newBuilder()
                .addPathSegment("allsites").build();
        String url = SafeUrl.of(request);
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(timeout).followRedirects(false).build();
        try (Response response = http.newCall(new Request.Builder().url(request).get().build()).execute()) {
            String channel = response.handshake() == null ? "plain HTTP, no TLS"
                    : response.handshake().tlsVersion().javaName();
            int status = response.code();
            if (status == 401 || status == 403) {
                return new Reach(true, url, "answered " + status + " to a request without credentials and date, as"
                        + " it should (" + channel + "); no API call was spent");
            }
            if (status == 404) {
                return new Reach(false, url, "answered 404: no ShopperTrak service there. Check " + setting
                        + " (e.g. https://stws.shoppertrak.com/Traffic/Customer/v2.0/)");
            }
            if (response.isRedirect()) {
                return new Reach(false, url, "answered " + status + ", redirecting to " + location(response)
                        + ": set " + setting + " to where it points");
            }
            return new Reach(false, url, "answered " + status + " to a request without credentials (" + channel
                    + "), where ShopperTrak answers 401. Check " + setting + " and any proxy in between");
        } catch (SSLException e) {
            return new Reach(false, url, "the TLS handshake failed (" + e.getMessage() + "). Check the host name in "
                    + setting + " and the JVM's trusted certificates");
        } catch (IOException e) {
            return new Reach(false, url, "unreachable (" + e + "). Check " + setting + ", DNS and outbound HTTPS"
                    + " from here");
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Where a redirect points, without user info and query. */
    private static String location(Response response) {
        String header = response.header("Location");
        HttpUrl target = header == null ? null : response.request().url().resolve(header);
        return target == null ? "an unreadable Location" : SafeUrl.of(target);
    }
}
