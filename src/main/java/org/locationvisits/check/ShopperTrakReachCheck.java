package org.locationvisits.check;

import java.time.Duration;
import java.util.List;

import org.locationvisits.shoppertrak.ServiceProbe;

/**
 * ShopperTrak reachable, without spending a call ({@link ServiceProbe}: a request without credentials and date must
 * answer 401). The credentials themselves can only be proved by a data call, which {@code check --call-api} spends.
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
        ServiceProbe.Reach reach = ServiceProbe.probe(baseUrl, "SHOPPERTRAK_API_BASE_URL", timeout);
        CheckResult result = reach.reached() ? CheckResult.ok(WHAT, reach.url(), reach.message())
                : CheckResult.fail(WHAT, reach.url(), reach.message());
        if (callApi) {
            return List.of(result);
        }
        return List.of(result, CheckResult.skip(CREDENTIALS, reach.url(), "not checked: ShopperTrak has no request"
                + " that proves them without counting against the daily call limit; run check --call-api to spend"
                + " one"));
    }
}
