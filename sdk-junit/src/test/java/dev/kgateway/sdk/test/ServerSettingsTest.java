package dev.kgateway.sdk.test;

import dev.kgateway.sdk.client.NamespacedBackendClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The settings of {@link KgatewayTestServer.Builder}: their bounds and what each changes in the server. */
class ServerSettingsTest {

    private static String backends(String ns) {
        return Fixtures.backendsPath(ns);
    }

    @Test
    void aWatchResumesFromTheLastEventsTheHistoryKeepsAndGets410FromOlderOnes() {
        try (KgatewayTestServer server = KgatewayTestServer.builder().watchHistory(2).bookmarkInterval(Duration.ZERO).start()) {
            String ns = server.createNamespace();
            NamespacedBackendClient backends = server.kgatewayClient().backends().inNamespace(ns);
            String first = backends.create(Fixtures.staticBackend("b1")).getMetadata().getResourceVersion();
            String second = backends.create(Fixtures.staticBackend("b2")).getMetadata().getResourceVersion();
            backends.create(Fixtures.staticBackend("b3"));
            backends.create(Fixtures.staticBackend("b4"));

            try (RawHttp.Frames kept = RawHttp.Frames.open(server, backends(ns) + "?watch=true&resourceVersion=" + second);
                 RawHttp.Frames lost = RawHttp.Frames.open(server, backends(ns) + "?watch=true&resourceVersion=" + first)) {
                await().until(() -> kept.received.size() >= 2 && !lost.received.isEmpty());

                assertThat(kept.types()).containsExactly("ADDED", "ADDED");
                assertThat(kept.received).extracting(f -> f.path("object").path("metadata").path("name").asString())
                        .containsExactly("b3", "b4");
                assertThat(lost.types()).containsExactly("ERROR");
                assertThat(lost.received.get(0).path("object").path("code").asInt()).isEqualTo(410);
            }
        }
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> KgatewayTestServer.builder().watchHistory(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("watchHistory must be at least 1");
        assertThatThrownBy(() -> KgatewayTestServer.builder().bookmarkInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bookmarkInterval must not be negative");
        assertThatThrownBy(() -> KgatewayTestServer.builder().admission(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KgatewayTestServer.builder().release(null)).isInstanceOf(NullPointerException.class);
        KgatewayTestServer.builder().watchHistory(1).bookmarkInterval(Duration.ZERO);
    }

    @Test
    void withoutCrdsNoBackendsAreServedUntilOneIsInstalledFromTheClasspath() {
        try (KgatewayTestServer server = KgatewayTestServer.builder().crds().start()) {
            String ns = server.createNamespace();

            assertThat(RawHttp.send(server, "GET", backends(ns), null, null).code()).isEqualTo(404);
            assertThatThrownBy(() -> server.installCrd("META-INF/no-such-crd.yaml")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no CRD on the classpath at META-INF/no-such-crd.yaml");

            server.installCrd(KgatewayTestServer.SDK_BACKEND_CRD);

            assertThat(RawHttp.send(server, "GET", backends(ns), null, null).code()).isEqualTo(200);
        }
    }

    @Test
    void aDeletedNamespaceTakesWritesNoMore() {
        try (KgatewayTestServer server = KgatewayTestServer.start()) {
            String ns = server.createNamespace("short-lived");
            server.deleteNamespace(ns);

            assertThat(RawHttp.send(server, "POST", backends(ns), "application/json", Fixtures.staticJson("\"name\":\"web\"")).code())
                    .isEqualTo(404);
        }
    }

    @Test
    void aServerShowsItsUrlAndNothingElse() {
        try (KgatewayTestServer server = KgatewayTestServer.builder().crds().start()) {
            assertThat(server).hasToString("KgatewayTestServer{url=" + server.url() + "}");
        }
    }
}
