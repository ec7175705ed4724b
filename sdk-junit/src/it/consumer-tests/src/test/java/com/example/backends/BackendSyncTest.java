package com.example.backends;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.test.KgatewayTest;
import dev.kgateway.sdk.test.KgatewayTestServer;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.test.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's tests against the embedded API server: no cluster, no kubeconfig. */
@KgatewayTest
class BackendSyncTest {

    KgatewayTestServer server;
    KgatewayClient kgw;
    @TestNamespace
    String ns;
    NamespacedBackendClient backends;

    @BeforeEach
    void setUp() {
        backends = kgw.backends().inNamespace(ns);
    }

    static Backend web(String host) {
        return Backend.builder()
                .metadata(m -> m.name("web"))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(host).port(8080))))
                .build();
    }

    @Test
    void anotherManagersFieldIsAnApplyConflictUntilForced() {
        backends.apply(web("10.0.0.1"), ApplyOptions.fieldManager("platform-team"));

        BackendConflictException conflict = assertThrows(BackendConflictException.class,
                () -> backends.apply(web("10.0.0.2"), ApplyOptions.fieldManager("my-service")));
        assertTrue(conflict.getMessage().contains("conflict with \"platform-team\": .spec.static.hosts"), conflict.getMessage());

        Backend forced = backends.apply(web("10.0.0.2"), ApplyOptions.fieldManager("my-service").withForce(true));
        assertEquals("10.0.0.2", forced.getSpec().getStaticBackend().getHosts().get(0).getHost());
    }

    @Test
    void listsArePagedByTheServer() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            backends.create(web("10.0.0." + n).withMetadata(web("x").getMetadata().withName("web-" + n)));
        }
        server.clearRequests();

        assertEquals(5, backends.list(ListOptions.builder().pageSize(2).build()).size());
        assertEquals(3, server.requests(c -> c.method().equals("GET") && !c.isWatch()).size(), "three pages of at most two");
    }

    @Test
    void anInvalidBackendIsRefusedByTheServerWith422() {
        try (KgatewayClient unchecked = server.newKgatewayClient(b -> b.validateBeforeWrite(false))) {
            Backend badPort = Backend.builder()
                    .metadata(m -> m.name("web"))
                    .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(70000))))
                    .build();

            InvalidBackendException refused = assertThrows(InvalidBackendException.class,
                    () -> unchecked.backends().inNamespace(ns).create(badPort));
            assertEquals("spec.static.hosts[0].port", refused.getViolations().get(0).path());
        }
    }

    @Test
    void aWatchResumesFromItsLastBookmark() throws Exception {
        List<BackendEvent> events = new CopyOnWriteArrayList<>();
        try (BackendWatch watch = backends.watch(events::add)) {
            waitFor(() -> server.openWatches() == 1);
            kgw.backends().inNamespace(server.createNamespace()).create(web("10.9.9.9"));   // moves the cluster on
            String bookmark = Long.toString(server.currentResourceVersion());
            server.sendBookmarks();
            Thread.sleep(200);
            server.clearRequests();
            server.dropWatches();

            waitFor(() -> !server.requests(RecordedCall::isWatch).isEmpty());
            assertEquals(bookmark, server.requests(RecordedCall::isWatch).get(0).queryParameter("resourceVersion"));
        }
    }

    @Test
    void theClientRidesOutAThrottledServer() {
        server.faults().throttleNext(1, 1).failNext(1, 503);
        try (KgatewayClient patient = server.newKgatewayClient(b -> b.retryPolicy(RetryPolicy.DEFAULT))) {
            assertTrue(patient.backends().inNamespace(ns).list().isEmpty());
        }
        assertEquals(0, server.faults().pending());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
