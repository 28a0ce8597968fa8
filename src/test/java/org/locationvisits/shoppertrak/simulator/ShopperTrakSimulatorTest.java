package org.locationvisits.shoppertrak.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.ApiVersion;

import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The simulator's HTTP surface: auth, parameter checks, admin endpoints, request log. */
class ShopperTrakSimulatorTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private final OkHttpClient http = new OkHttpClient();
    private ShopperTrakSimulator simulator;

    @BeforeEach
    void start() throws IOException {
        simulator = ShopperTrakSimulator.builder().sites(5).username("lib").password("pw").start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpUrl.Builder allsites(ApiVersion version) {
        HttpUrl.Builder url = HttpUrl.get(simulator.baseUrl(version) + "service/allsites").newBuilder();
        version.queryParameters(DAY).forEach(url::addQueryParameter);
        return url;
    }

    private Response get(HttpUrl url, String user, String password) throws IOException {
        return http.newCall(new Request.Builder().url(url).header("Authorization", Credentials.basic(user, password))
                .build()).execute();
    }

    private Response admin(String path, String method) throws IOException {
        HttpUrl url = HttpUrl.get("http://127.0.0.1:" + simulator.port() + path);
        RequestBody body = method.equals("POST") ? RequestBody.create("", MediaType.get("text/plain")) : null;
        return http.newCall(new Request.Builder().url(url).method(method, body).build()).execute();
    }

    @Test
    void servesOnLoopbackWithTheShopperTrakServicePath() {
        assertThat(simulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/Traffic/Customer/v1\\.0/service/");
    }

    @Test
    void answersWrongCredentialsWith401AndLogsIt() throws IOException {
        try (Response response = get(allsites(ApiVersion.V1).build(), "lib", "nope")) {
            assertThat(response.code()).isEqualTo(401);
        }
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::answer).containsExactly("401");
    }

    @Test
    void namesTheEntranceAttributeAfterTheApiVersionOfTheParameters() throws IOException {
        try (Response v1 = get(allsites(ApiVersion.V1).build(), "lib", "pw");
             Response v2 = get(allsites(ApiVersion.V2).build(), "lib", "pw")) {
            assertThat(v1.body().string()).contains("<entrance name=").doesNotContain("entranceName");
            assertThat(v2.body().string()).contains("<entrance entranceName=");
        }
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::version)
                .containsExactly(ApiVersion.V1, ApiVersion.V2);
    }

    @Test
    void refusesBadParametersWithAClearMessage() throws IOException {
        try (Response badIncrement = get(allsites(ApiVersion.V1).setQueryParameter("increment", "60").build(), "lib", "pw");
             Response badDate = get(allsites(ApiVersion.V2).setQueryParameter("date", "2024-03-25").build(), "lib", "pw");
             Response mixed = get(allsites(ApiVersion.V2).addQueryParameter("total_property", "N").build(), "lib", "pw")) {
            assertThat(badIncrement.code()).isEqualTo(400);
            assertThat(badIncrement.body().string()).contains("increment must be 15");
            assertThat(badDate.body().string()).contains("date must be YYYYMMDD");
            assertThat(mixed.body().string()).contains("v1").contains("v2");
        }
    }

    @Test
    void setsFaultsAndReadsTheRequestLogThroughTheAdminEndpoint() throws IOException {
        try (Response set = admin("/admin/faults?busy=1&quotaAfter=2", "POST")) {
            assertThat(set.code()).isEqualTo(200);
            assertThat(set.body().string()).contains("\"busy\":1").contains("\"quotaAfter\":2");
        }
        for (int i = 0; i < 3; i++) {
            get(allsites(ApiVersion.V1).build(), "lib", "pw").close();
        }
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::answer)
                .containsExactly("E108", "rows", "E107");
        try (Response log = admin("/admin/requests", "GET")) {
            assertThat(log.body().string()).contains("\"endpoint\":\"allsites\"").contains("\"date\":\"2024-03-25\"")
                    .contains("\"answer\":\"E107\"");
        }
        try (Response reset = admin("/admin/reset", "POST")) {
            assertThat(reset.code()).isEqualTo(200);
        }
        assertThat(simulator.requestLog().count()).isZero();
        assertThat(simulator.faults().snapshot()).containsEntry("busy", 0).containsEntry("quotaAfter", -1);
    }

    @Test
    void refusesUnknownFaultsWithTheListOfKnownOnes() throws IOException {
        try (Response response = admin("/admin/faults?bussy=1", "POST")) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("bussy").contains("quotaAfter");
        }
    }

    @Test
    void answersUnknownSitesWithE101() throws IOException {
        HttpUrl url = HttpUrl.get(simulator.baseUrl()).newBuilder().addPathSegment("site")
                .addPathSegment("nowhere lib").addQueryParameter("date", "20240325")
                .addQueryParameter("increment", "15").addQueryParameter("total_property", "N").build();
        try (Response response = get(url, "lib", "pw")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("<error>E101</error>");
        }
        assertThat(simulator.requestLog().requests().get(0).endpoint()).isEqualTo("site/nowhere lib");
    }

    @Test
    void servesApiV2UnderItsOwnPathAndGivesTodaysBaseUrl() throws IOException {
        String port = String.valueOf(simulator.port());
        assertThat(simulator.baseUrl(ApiVersion.V2)).isEqualTo("http://127.0.0.1:" + port + "/Traffic/Customer/v2.0/");
        assertThat(simulator.baseUrl(ApiVersion.V1)).isEqualTo("http://127.0.0.1:" + port + "/Traffic/Customer/v1.0/");
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/Traffic/Customer/v1.0/service/");
        HttpUrl.Builder url = HttpUrl.get(simulator.baseUrl(ApiVersion.V2) + "service/allsites").newBuilder();
        ApiVersion.V2.queryParameters(DAY).forEach(url::addQueryParameter);

        try (Response response = get(url.build(), "lib", "pw")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("<entrance entranceName=");
        }
    }

    @Test
    void refusesTheParametersOfTheOtherVersionOnEachPath() throws IOException {
        HttpUrl.Builder v1OnV2 = HttpUrl.get(simulator.baseUrl(ApiVersion.V2) + "service/site/aa%20lib").newBuilder();
        ApiVersion.V1.queryParameters(DAY).forEach(v1OnV2::addQueryParameter);
        HttpUrl.Builder v2OnV1 = HttpUrl.get(simulator.baseUrl() + "allsites").newBuilder();
        ApiVersion.V2.queryParameters(DAY).forEach(v2OnV1::addQueryParameter);

        try (Response first = get(v1OnV2.build(), "lib", "pw"); Response second = get(v2OnV1.build(), "lib", "pw")) {
            assertThat(first.code()).isEqualTo(400);
            assertThat(first.body().string()).contains("API V1 parameters on the API V2 path");
            assertThat(second.code()).isEqualTo(400);
            assertThat(second.body().string()).contains("API V2 parameters on the API V1 path");
        }
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::answer)
                .containsExactly("400", "400");
    }

    @Test
    void switchesLateCorrectionsThroughTheAdminEndpoint() throws IOException {
        try (Response set = admin("/admin/faults?lateCorrections=true", "POST")) {
            assertThat(set.body().string()).contains("\"lateCorrections\":true");
        }
        try (Response reset = admin("/admin/reset", "POST")) {
            assertThat(reset.body().string()).contains("\"lateCorrections\":false");
        }
    }
}
