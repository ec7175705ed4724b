package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendType;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow listener slows the watch down instead of filling memory: with the listener blocked, a
 * server that sends 2,000 events gets no further than {@link RelistingWatch#BUFFER} events (plus
 * the one being handed over) into the client; released, the listener gets all 2,000, in order,
 * once each. Measured through the watch's count of events fabric8 handed over.
 */
class RelistingWatchBackpressureTest {

    private static final int EVENTS = 2_000;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private MockWebServer server;
    private KubernetesClient fabric8;

    private static Backend backend(int i) {
        return Backend.builder()
                .metadata(m -> m.name("b-" + i).namespace("ai").uid("uid-" + i).resourceVersion(Integer.toString(10 + i)))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("b-" + i + ".example").port(8080))))
                .build();
    }

    @BeforeEach
    void start() {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().contains("watch=true")) {
                    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket webSocket, Response response) {
                            for (int i = 0; i < EVENTS; i++) {
                                webSocket.send("{\"type\":\"ADDED\",\"object\":" + BackendJson.toJson(backend(i)) + "}");
                            }
                        }
                    });
                }
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"BackendList\","
                                + "\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}");
            }
        });
        server.start();
        fabric8 = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://" + server.getHostName() + ":" + server.getPort()).withNamespace("ai").build()).build();
    }

    @AfterEach
    void stop() {
        fabric8.close();
        server.shutdown();
    }

    @Test
    void aBlockedListenerHoldsAtMostTheBufferInMemoryAndThenGetsEveryEventOnceInOrder() throws Exception {
        ClientContext context = new ClientContext(fabric8, RetryPolicy.DEFAULT, true, ApplyOptions.defaults());
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        RelistingWatch watch = (RelistingWatch) new DefaultNamespacedBackendClient(context, "ai").watch(event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(event.type() + " " + event.backend().getMetadata().getName());
        });
        try {
            // wait until the hand-over stops growing: the listener holds the first event, the buffer is full
            await().atMost(PATIENCE).until(() -> watch.queuedEvents() == RelistingWatch.BUFFER);
            int plateau = watch.receivedEvents();
            Thread.sleep(1_000);
            int received = watch.receivedEvents();
            System.out.printf("[reliability] watch backpressure: listener blocked, %d of %d events sent were handed over"
                    + " (%d queued, 1 with the listener, %d waiting for room)%n", received, EVENTS, watch.queuedEvents(),
                    received - watch.queuedEvents() - 1);

            assertThat(received).as("events decoded while the listener is blocked").isEqualTo(plateau)
                    .isLessThanOrEqualTo(RelistingWatch.BUFFER + 2);
            assertThat(watch.queuedEvents()).isEqualTo(RelistingWatch.BUFFER);
            assertThat(delivered).isEmpty();

            release.countDown();
            await().atMost(PATIENCE).until(() -> delivered.size() == EVENTS);
            assertThat(delivered).containsExactlyElementsOf(IntStream.range(0, EVENTS).mapToObj(i -> BackendEvent.Type.ADDED + " b-" + i).toList());
            assertThat(watch.receivedEvents()).isEqualTo(EVENTS);
        } finally {
            release.countDown();
            watch.close();
        }
    }
}
