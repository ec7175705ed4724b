package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.kgateway.sdk.client.ScriptedApiServer.BACKENDS;
import static dev.kgateway.sdk.client.TestBackends.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code waitUntil}: its watch ends with the wait however the wait ends, and its failures say what happened. */
class WaitUntilTest {

    private static final Duration PATIENCE = RecordingListener.PATIENCE;

    private ScriptedApiServer api;
    private KgatewayClient kgw;
    private NamespacedBackendClient backends;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer();
        kgw = api.sdk(b -> { });
        kgw.installCrd(false);
        backends = kgw.backends().inNamespace(NS);
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    /** Runs a wait that never ends by itself on a thread of its own; returns once its watch is open. */
    private Thread waitForever(AtomicReference<Throwable> outcome) {
        Thread waiter = new Thread(() -> {
            try {
                backends.waitUntil("never", b -> false, Duration.ofMinutes(5));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "waiter");
        waiter.start();
        await().atMost(PATIENCE).until(() -> api.openWatches().size() == 1);
        return waiter;
    }

    @Test
    void anInterruptedWaitStopsItsWatchAndKeepsTheInterruptFlag() throws Exception {
        backends.create(TestBackends.staticBackend("never"));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                backends.waitUntil("never", b -> false, Duration.ofMinutes(5));
            } catch (Throwable t) {
                outcome.set(t);
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        }, "waiter");
        waiter.start();
        await().atMost(PATIENCE).until(() -> api.openWatches().size() == 1);

        waiter.interrupt();
        waiter.join(PATIENCE.toMillis());

        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(KgatewayException.class).hasMessageContaining("interrupted")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(flagAfter.get()).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).as("watch connections").isEmpty());
        int requests = api.requests().size();
        Thread.sleep(300);
        assertThat(api.requests()).as("no request after the wait ended").hasSize(requests);
    }

    @Test
    void closingTheClientEndsAWaitInProgressAndItsWatch() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = waitForever(outcome);

        kgw.close();
        waiter.join(PATIENCE.toMillis());

        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(KgatewayException.class).hasMessageContaining("closed");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).isEmpty());
    }

    @Test
    void aTimeoutIsABackendWaitTimeoutExceptionNamingTheBackendThatNeverExisted() {
        assertThatThrownBy(() -> backends.waitUntil("absent", b -> true, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(BackendWaitTimeoutException.class, e -> {
                    assertThat(e.getName()).isEqualTo("absent");
                    assertThat(e.getNamespace()).isEqualTo(NS);
                    assertThat(e.getTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(e.getLastSeen()).isEmpty();
                    assertThat(e.getMessage()).contains("'absent'").contains("to exist");
                });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).isEmpty());
    }

    @Test
    void aFirstListThatFailsOnceIsRetried() throws Exception {
        api.answer(Req.list(BACKENDS), 1, r -> ScriptedApiServer.status(503, "ServiceUnavailable", "rolling out"));
        Backend created = backends.create(TestBackends.staticBackend("ready"));

        CompletableFuture<Backend> awaited = CompletableFuture.supplyAsync(() -> backends.waitUntil("ready", b -> true, PATIENCE));

        assertThat(awaited.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(created);
        assertThat(api.requests(Req.list(BACKENDS))).hasSize(2);
    }

    @Test
    void aRefusedWatchIsAnAuthorizationErrorNotATimeout() {
        api.answer(Req.list(BACKENDS), Integer.MAX_VALUE, r -> ScriptedApiServer.status(403, "Forbidden", "cannot list"));

        assertThatThrownBy(() -> backends.waitUntil("x", b -> true, PATIENCE))
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getName()).isEqualTo("x");
                    assertThat(e.getNamespace()).isEqualTo(NS);
                });
        assertThat(api.requests(Req.list(BACKENDS))).hasSize(1);
    }

    @Test
    void aConditionThatThrowsEndsTheWaitWithItsException() {
        backends.create(TestBackends.staticBackend("b"));

        assertThatThrownBy(() -> backends.waitUntil("b", x -> {
            throw new IllegalStateException("condition bug");
        }, PATIENCE)).isInstanceOf(IllegalStateException.class).hasMessage("condition bug");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.openWatches()).isEmpty());
    }
}
