package org.locationvisits.check;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.locationvisits.common.SafeUrl;
import org.locationvisits.common.Sleeper;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.source.SourceConfig;

import okhttp3.HttpUrl;

/**
 * {@code --call-api}: exactly one ShopperTrak call (yesterday's allsites, in America/New_York), with no retry of any
 * kind, parsed as the job parses it and sent nowhere. It proves the credentials and the answer; it is not added to
 * the state's daily call count, because check writes nothing.
 */
final class ShopperTrakCallCheck implements Check {
    static final String WHAT = "ShopperTrak --call-api";

    private final ShopperTrakSettings settings;
    private final Clock clock;

    ShopperTrakCallCheck(ShopperTrakSettings settings, Clock clock) {
        // One attempt in all: busy (E108/E000) and HTTP failures are reported, not retried.
        this.settings = settings.withBusyRetries(1, Duration.ZERO).withHttpRetries(1, Duration.ZERO);
        this.clock = clock;
    }

    @Override
    public List<CheckResult> run() {
        LocalDate yesterday = LocalDate.now(clock.withZone(SourceConfig.ZONE)).minusDays(1);
        // Without user info and query: they may hold a secret.
        String where = SafeUrl.of(HttpUrl.get(ShopperTrakSettings.serviceUrl(settings.baseUrl()))
                .newBuilder().addPathSegment("allsites").build().toString()) + ", date " + yesterday;
        DayResult result;
        try (ShopperTrakClient client = new ShopperTrakClient(settings, Sleeper.SYSTEM)) {
            result = client.allSites(yesterday);
        }
        String spent = result.apiCalls() + " API call spent";
        if (result instanceof DayResult.Rows rows) {
            long sites = rows.rows().stream().map(TrafficRow::siteId).distinct().count();
            return List.of(CheckResult.ok(WHAT, where, "credentials accepted; " + rows.rows().size() + " rows of "
                    + sites + " site(s) parsed and sent nowhere (" + spent + ", not added to the state's call"
                    + " count)"));
        }
        if (result instanceof DayResult.BadCredentials bad) {
            return List.of(CheckResult.fail(WHAT, where, "credentials refused (HTTP " + bad.httpStatus() + "): fix"
                    + " SHOPPERTRAK_USERNAME and SHOPPERTRAK_PASSWORD (" + spent + ")"));
        }
        return List.of(CheckResult.fail(WHAT, where, DayFailure.of(result).reason() + " (" + spent + ")"));
    }
}
