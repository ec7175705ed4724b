package com.example.shop;

import dev.kgateway.sdk.spring.boot.test.KgatewayClientTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** One server per application context, stopped when the context closes. */
class ServerLifecycleTest {

    static final List<String> SERVER_URLS = new CopyOnWriteArrayList<>();

    @KgatewayClientTest
    @DirtiesContext
    static class ClosesItsContext {
        @Autowired
        KgatewayTestServer server;

        @Test
        void first() {
            SERVER_URLS.add(server.url());
        }

        @Test
        void second() {
            SERVER_URLS.add(server.url());
        }
    }

    @KgatewayClientTest
    @DirtiesContext
    static class AlsoClosesItsContext {
        @Autowired
        KgatewayTestServer server;

        @Test
        void only() {
            SERVER_URLS.add(server.url());
        }
    }

    private static int status(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url + "api/v1/namespaces")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theTestsOfAContextShareOneServerAndEachContextHasItsOwn() {
        SERVER_URLS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ClosesItsContext.class), selectClass(AlsoClosesItsContext.class))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(SERVER_URLS).hasSize(3);
        assertThat(SERVER_URLS.get(0)).isEqualTo(SERVER_URLS.get(1));
        assertThat(SERVER_URLS.get(2)).isNotEqualTo(SERVER_URLS.get(0));
    }

    @Test
    void theServerStopsWhenTheContextCloses() throws Exception {
        SERVER_URLS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(AlsoClosesItsContext.class))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        assertThat(SERVER_URLS).hasSize(1);
        assertThatThrownBy(() -> status(SERVER_URLS.get(0))).isInstanceOf(java.io.IOException.class);
    }
}
