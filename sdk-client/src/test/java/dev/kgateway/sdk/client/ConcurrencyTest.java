package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.ConditionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kgateway.sdk.client.TestBackends.label;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Optimistic concurrency: stale writes fail, {@code edit} retries until its change lands. One CRUD server for the class. */
class ConcurrencyTest extends SharedApiServerTest {

    private String ns;

    @Override
    KgatewayClient newClient() {
        // edit retries on conflict without long sleeps, and often enough that contention cannot exhaust it
        return KgatewayClient.builder().kubernetesClient(api.fabric8())
                .retryPolicy(new RetryPolicy(4, 1_000, Duration.ofMillis(1), Duration.ofMillis(20)))
                .build();
    }

    @Override
    String namespacePrefix() {
        return "concurrency";
    }

    @BeforeEach
    void rememberNamespace() {
        ns = backends.namespace();
    }

    @Test
    void updateWithAStaleResourceVersionThrowsConflictAndKeepsTheNewerVersion() {
        Backend created = backends.create(TestBackends.staticBackend("contended"));
        Backend newer = backends.update(withLabel(created, "writer", "first"));

        assertThatThrownBy(() -> backends.update(withLabel(created, "writer", "second")))
                .isInstanceOfSatisfying(BackendConflictException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getName()).isEqualTo("contended");
                    assertThat(e.getNamespace()).isEqualTo(ns);
                });
        assertThat(backends.require("contended")).isEqualTo(newer);
    }

    @Test
    void updateStatusSendsTheResourceVersionItWasGivenAndMapsTheRefusalToConflict() {
        // the CRUD mock does not check resourceVersions on the status subresource: script the refusal
        Backend created = backends.create(TestBackends.staticBackend("reported"));
        backends.updateStatus(created.withStatus(TestBackends.acceptedStatus(ConditionStatus.TRUE)));
        String statusPath = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends/reported/status";
        api.answer(ScriptedApiServer.Req.call("PUT", statusPath), 1,
                r -> ScriptedApiServer.status(409, "Conflict", "the object has been modified"));

        assertThatThrownBy(() -> backends.updateStatus(created.withStatus(TestBackends.acceptedStatus(ConditionStatus.FALSE))))
                .isInstanceOfSatisfying(BackendConflictException.class, e -> assertThat(e.getName()).isEqualTo("reported"));
        List<ScriptedApiServer.Req> puts = api.requests(ScriptedApiServer.Req.call("PUT", statusPath));
        assertThat(puts).hasSize(2);
        assertThat(BackendJson.fromJson(puts.get(1).body()).getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void updateWithoutResourceVersionOverwritesTheCurrentVersion() {
        Backend created = backends.create(TestBackends.staticBackend("overwritten"));
        backends.update(withLabel(created, "writer", "first"));
        Backend blind = withLabel(created, "writer", "second");
        blind = blind.withMetadata(blind.getMetadata().withResourceVersion(null));

        Backend updated = backends.update(blind);

        assertThat(label(updated, "writer")).isEqualTo("second");
    }

    @Test
    void updateOfAnAbsentBackendThrowsBackendNotFound() {
        Backend never = TestBackends.stored(TestBackends.staticBackend("never-created"), ns, "5");

        assertThatThrownBy(() -> backends.update(never)).isInstanceOf(BackendNotFoundException.class);
    }

    @Test
    void editOfAnAbsentBackendThrowsBackendNotFoundWithoutCallingTheChange() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> backends.edit("absent", b -> {
            calls.incrementAndGet();
            return b;
        })).isInstanceOf(BackendNotFoundException.class);
        assertThat(calls).hasValue(0);
    }

    @Test
    void concurrentEditsFromEightThreadsAreAllApplied() throws Exception {
        backends.create(withLabel(TestBackends.openAiBackend("counter"), "count", "0"));
        int threads = 8;
        int editsPerThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < editsPerThread; i++) {
                        backends.edit("counter", b -> withLabel(b, "count", Integer.toString(Integer.parseInt(label(b, "count")) + 1)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(label(backends.require("counter"), "count")).isEqualTo(Integer.toString(threads * editsPerThread));
    }

    @Test
    void editGivesUpWithConflictAfterTheConfiguredNumberOfAttempts() {
        backends.create(withLabel(TestBackends.staticBackend("hot"), "count", "0"));
        AtomicInteger attempts = new AtomicInteger();
        try (KgatewayClient impatient = KgatewayClient.builder().kubernetesClient(api.fabric8())
                .retryPolicy(new RetryPolicy(1, 3, Duration.ZERO, Duration.ZERO)).build()) {
            NamespacedBackendClient hot = impatient.backends().inNamespace(ns);

            // every attempt loses the race: someone else writes between its read and its update
            assertThatThrownBy(() -> hot.edit("hot", b -> {
                attempts.incrementAndGet();
                backends.patch("hot", "{\"metadata\":{\"labels\":{\"other\":\"" + attempts.get() + "\"}}}");
                return withLabel(b, "count", "1");
            })).isInstanceOf(BackendConflictException.class);
        }

        assertThat(attempts).hasValue(3);
        assertThat(label(backends.require("hot"), "count")).isEqualTo("0");
    }

    @Test
    void editBacksOffBetweenConflictRetries() {
        backends.create(withLabel(TestBackends.staticBackend("contested"), "count", "0"));
        AtomicInteger attempts = new AtomicInteger();
        try (KgatewayClient patient = KgatewayClient.builder().kubernetesClient(api.fabric8())
                .retryPolicy(new RetryPolicy(1, 3, Duration.ofMillis(40), Duration.ofMillis(400))).build();
             dev.kgateway.sdk.client.internal.RetryDelays delays = dev.kgateway.sdk.client.internal.RetryDelays.recordOnThisThread()) {
            NamespacedBackendClient contested = patient.backends().inNamespace(ns);

            assertThatThrownBy(() -> contested.edit("contested", b -> {
                backends.patch("contested", "{\"metadata\":{\"labels\":{\"other\":\"" + attempts.incrementAndGet() + "\"}}}");
                return withLabel(b, "count", "1");
            })).isInstanceOf(BackendConflictException.class);

            // before retries 1 and 2: 40 and 80 ms, jittered down to no less than half
            assertThat(delays.chosen()).hasSize(2);
            assertThat(delays.chosen().get(0).toMillis()).isBetween(20L, 40L);
            assertThat(delays.chosen().get(1).toMillis()).isBetween(40L, 80L);
        }
    }

    @Test
    void concurrentEditsWhoseAnswersAreLostAfterCommitAreNeverAppliedTwice() throws Exception {
        backends.create(withLabel(TestBackends.openAiBackend("lossy"), "count", "0"));
        // one PUT in five is committed and then answered 504, as if the answer were lost
        AtomicInteger puts = new AtomicInteger();
        api.commitThenFail(r -> r.method().equals("PUT") && r.path().equals(backendsPath() + "/lossy") && puts.incrementAndGet() % 5 == 0,
                Integer.MAX_VALUE, 504);
        int threads = 4;
        int editsPerThread = 25;
        AtomicInteger returned = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < editsPerThread; i++) {
                        try {
                            backends.edit("lossy", b -> withLabel(b, "count", Integer.toString(Integer.parseInt(label(b, "count")) + 1)));
                            returned.incrementAndGet();
                        } catch (BackendWriteOutcomeUnknownException lost) {
                            unknown.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(puts.get()).as("answers were lost").isGreaterThanOrEqualTo(threads * editsPerThread / 5);
        assertThat(returned.get() + unknown.get()).isEqualTo(threads * editsPerThread);
        assertThat(unknown.get()).as("a lost answer after others wrote is reported, not guessed").isPositive();
        assertThat(Integer.parseInt(label(backends.require("lossy"), "count"))).isBetween(returned.get(), returned.get() + unknown.get());
    }

    @Test
    void editKeepsTheLockOnTheVersionItReadEvenIfTheChangeDropsTheResourceVersion() {
        backends.create(withLabel(TestBackends.staticBackend("locked"), "count", "0"));
        AtomicInteger attempts = new AtomicInteger();

        Backend edited = backends.edit("locked", b -> {
            if (attempts.incrementAndGet() == 1) {
                backends.patch("locked", "{\"metadata\":{\"labels\":{\"count\":\"10\"}}}");
            }
            Backend changed = withLabel(b, "count", Integer.toString(Integer.parseInt(label(b, "count")) + 1));
            return changed.withMetadata(changed.getMetadata().withResourceVersion(null));
        });

        assertThat(attempts).hasValue(2);
        assertThat(label(edited, "count")).isEqualTo("11");
    }
}
