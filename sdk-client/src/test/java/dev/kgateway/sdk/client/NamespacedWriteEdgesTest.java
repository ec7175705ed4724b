package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.client.internal.RetryDelays;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.model.InvalidBackendException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static dev.kgateway.sdk.client.TestBackends.label;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edges of the namespaced writes the other suites leave out: conflicts of an update without a
 * resourceVersion, lost answers while someone else deletes or re-creates the Backend, validation of
 * updates and status writes of Backends that already break a rule, and how a malformed merge patch
 * is reported.
 */
class NamespacedWriteEdgesTest extends SharedApiServerTest {

    /** 2 attempts per read-modify-write, backoff 20 ms (jittered to 10-20 ms). */
    private static final RetryPolicy POLICY = new RetryPolicy(4, 2, Duration.ofMillis(20), Duration.ofMillis(100));

    private final AtomicInteger conflictRetries = new AtomicInteger();

    @Override
    KgatewayClient newClient() {
        return KgatewayClient.builder().kubernetesClient(api.fabric8()).retryPolicy(POLICY)
                .listener(new KgatewayClientListener() {
                    @Override
                    public void onConflictRetry(String verb) {
                        conflictRetries.incrementAndGet();
                    }
                }).build();
    }

    @Override
    String namespacePrefix() {
        return "edges";
    }

    private Predicate<Req> call(String method, String name) {
        return Req.call(method, backendsPath() + "/" + name);
    }

    private Backend blind(Backend backend) {
        return backend.withMetadata(backend.getMetadata().withResourceVersion(null));
    }

    /** Stores {@code backend} as a laxer, older CRD let it be stored. */
    private void createIgnoringValidation(Backend backend) {
        try (KgatewayClient lax = KgatewayClient.builder().kubernetesClient(api.fabric8()).validateBeforeWrite(false).build()) {
            api.storedUnderALaxerCrd(() -> lax.backends().inNamespace(backends.namespace()).create(backend));
        }
    }

    @Test
    void anUpdateWithoutResourceVersionThatLosesARaceReadsAgainAfterABackoff() {
        Backend created = backends.create(TestBackends.staticBackend("raced"));
        api.answer(call("PUT", "raced"), 1, r -> ScriptedApiServer.status(409, "Conflict", "the object has been modified"));

        Backend updated;
        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            updated = backends.update(blind(withLabel(created, "tier", "gold")));

            assertThat(delays.chosen()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(10), Duration.ofMillis(20)));
        }

        assertThat(label(updated, "tier")).isEqualTo("gold");
        assertThat(api.requests(call("PUT", "raced"))).hasSize(2);
        assertThat(api.requests(call("GET", "raced"))).as("one read per attempt").hasSize(2);
        assertThat(conflictRetries).hasValue(1);
    }

    @Test
    void anUpdateWithoutResourceVersionGivesUpAfterTheConflictAttempts() {
        Backend created = backends.create(TestBackends.staticBackend("contended"));
        api.answer(call("PUT", "contended"), 10, r -> ScriptedApiServer.status(409, "Conflict", "the object has been modified"));

        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            assertThatThrownBy(() -> backends.update(blind(withLabel(created, "tier", "gold"))))
                    .isInstanceOf(BackendConflictException.class);

            assertThat(delays.chosen()).hasSize(1);
        }
        assertThat(api.requests(call("PUT", "contended"))).hasSize(POLICY.maxConflictAttempts());
        assertThat(conflictRetries).hasValue(1);
    }

    @Test
    void aLostUpdateAnswerWhileTheBackendCannotBeReadSendsTheUpdateAgain() {
        Backend created = backends.create(TestBackends.staticBackend("vanishing"));
        api.answer(call("PUT", "vanishing"), 1, r -> ScriptedApiServer.status(500, "InternalError", "etcd leader changed"));
        api.answer(call("GET", "vanishing"), 1, r -> ScriptedApiServer.status(404, "NotFound", "backends \\\"vanishing\\\" not found"));

        Backend updated;
        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            updated = backends.update(withLabel(created, "tier", "gold"));
        }

        assertThat(label(updated, "tier")).isEqualTo("gold");
        assertThat(api.requests(call("PUT", "vanishing"))).hasSize(2);
    }

    @Test
    void aLostDeleteAnswerCountsAsDoneWhenAnotherBackendTookTheName() {
        Backend created = backends.create(TestBackends.staticBackend("recycled"));
        api.commitThenFail(call("DELETE", "recycled"), 1, 504);
        Backend successor = TestBackends.stored(TestBackends.staticBackend("recycled"), backends.namespace(), "999")
                .withMetadata(TestBackends.stored(TestBackends.staticBackend("recycled"), backends.namespace(), "999").getMetadata()
                        .withUid("another-uid"));
        api.answer(call("GET", "recycled"), 1, r -> ScriptedApiServer.json(200, TestBackends.json(successor)));

        boolean deleted;
        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            deleted = backends.delete("recycled", DeleteOptions.ifUnchanged(created));
        }

        assertThat(deleted).isTrue();
        assertThat(api.requests(call("DELETE", "recycled"))).as("ours is gone; the new one is not deleted").hasSize(1);
    }

    @Test
    void aLostStatusUpdateAnswerWhileAnotherWriterChangedTheStatusIsAConflictNamingTheStatusUpdate() {
        Backend created = backends.create(TestBackends.staticBackend("contested"));
        Backend theirs = TestBackends.stored(TestBackends.staticBackend("contested"), backends.namespace(), "998")
                .withStatus(TestBackends.acceptedStatus(ConditionStatus.FALSE));
        api.answer(call("PUT", "contested/status"), 1, r -> ScriptedApiServer.status(500, "InternalError", "etcd leader changed"));
        api.answer(call("GET", "contested"), 1, r -> ScriptedApiServer.json(200, TestBackends.json(theirs)));

        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            assertThatThrownBy(() -> backends.updateStatus(created.withStatus(TestBackends.acceptedStatus(ConditionStatus.TRUE))))
                    .isInstanceOf(BackendConflictException.class)
                    .hasMessageEndingWith(", now 998) while the answer to this status update was lost; read it again and retry");
        }
        assertThat(api.requests(call("PUT", "contested/status").and(r -> !r.query().containsKey("dryRun"))))
                .as("not sent again over the other writer's status").hasSize(1);
    }

    @Test
    void aStatusUpdateWhoseAnswerWasLostAfterItLandedReturnsTheStoredBackend() {
        Backend created = backends.create(TestBackends.staticBackend("reported-once"));
        api.commitThenFail(call("PUT", "reported-once/status"), 1, 500);

        Backend updated;
        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            updated = backends.updateStatus(created.withStatus(TestBackends.acceptedStatus(ConditionStatus.TRUE)));
        }

        assertThat(updated.getStatus()).isEqualTo(TestBackends.acceptedStatus(ConditionStatus.TRUE));
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(api.requests(call("PUT", "reported-once/status").and(r -> !r.query().containsKey("dryRun")))).as("not sent twice").hasSize(1);
    }

    @Test
    void anUpdateMayKeepARuleTheStoredBackendAlreadyBreaks() {
        createIgnoringValidation(TestBackends.invalidStaticBackend("legacy"));
        Backend stored = backends.require("legacy");

        Backend updated = backends.update(withLabel(stored, "tier", "gold"));

        assertThat(label(updated, "tier")).isEqualTo("gold");
    }

    @Test
    void aStatusUpdateMayKeepARuleTheStoredStatusAlreadyBreaks() {
        backends.create(TestBackends.staticBackend("reported"));
        BackendStatus invalid = BackendStatus.builder().addConditions(c -> c.type("Accepted").status(ConditionStatus.TRUE)
                .reason("not a reason!").message("first").lastTransitionTime("2025-01-01T00:00:00Z")).build();
        try (KgatewayClient lax = KgatewayClient.builder().kubernetesClient(api.fabric8()).validateBeforeWrite(false).build()) {
            NamespacedBackendClient laxBackends = lax.backends().inNamespace(backends.namespace());
            api.storedUnderALaxerCrd(() -> laxBackends.updateStatus(laxBackends.require("reported").withStatus(invalid)));
        }
        Backend stored = backends.require("reported");
        BackendStatus stillInvalid = stored.getStatus().withConditions(java.util.List.of(stored.getStatus().getConditions().get(0)
                .withMessage("second")));

        Backend updated = backends.updateStatus(stored.withStatus(stillInvalid));

        assertThat(updated.getStatus().getConditions().get(0).getMessage()).isEqualTo("second");
    }

    @Test
    void editStatusRefusesAnInvalidStatusBeforeSending() {
        backends.create(TestBackends.staticBackend("observed"));
        BackendStatus invalid = BackendStatus.builder().addConditions(c -> c.type("Accepted").status(ConditionStatus.TRUE)
                .reason("not a reason!").message("m").lastTransitionTime("2025-01-01T00:00:00Z")).build();

        assertThatThrownBy(() -> backends.updateStatus("observed", b -> b.withStatus(invalid)))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .extracting(v -> v.path()).containsExactly("status.conditions[0].reason"));
        assertThat(api.requests(call("PUT", "observed/status"))).isEmpty();
    }

    @Test
    void aMergePatchThatIsNotJsonNamesWhereAndWhyJacksonStopped() {
        assertThatThrownBy(() -> backends.patch("openai", "{\"metadata\": {\"labels\": }}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the merge patch is not valid JSON (line 1, column 25): Unexpected character ('}'")
                .hasMessageNotContaining("[Source");
    }
}
