package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.ObjectMeta;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static dev.kgateway.sdk.client.TestBackends.label;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes against a CRUD mock scripted to behave as kube-apiserver does where fabric8's mock is
 * lenient: updates without a resourceVersion are refused with kube's exact 422, and answers get
 * lost after the server committed the write (a 504 or 500 after the change is stored).
 */
class KubeApiServerWritesTest extends SharedApiServerTest {

    /** kube-apiserver's answer to a PUT of a custom resource without metadata.resourceVersion. */
    private static final String UNCONDITIONAL_UPDATE_REFUSED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Backend.gateway.kgateway.dev \\\"%s\\\" is invalid: metadata.resourceVersion: Invalid value:"
            + " 0x0: must be specified for an update\",\"reason\":\"Invalid\",\"details\":{\"name\":\"%s\",\"group\":\"gateway.kgateway.dev\","
            + "\"kind\":\"Backend\",\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: 0x0: must be specified for an"
            + " update\",\"field\":\"metadata.resourceVersion\"}]},\"code\":422}";

    @Override
    KgatewayClient newClient() {
        return KgatewayClient.builder().kubernetesClient(api.fabric8())
                .retryPolicy(new RetryPolicy(4, 30, Duration.ofMillis(1), Duration.ofMillis(10))).build();
    }

    @Override
    String namespacePrefix() {
        return "kube";
    }

    /** Refuses every PUT in the test's namespace that carries no resourceVersion, as kube-apiserver does. */
    private void refuseUnconditionalUpdates() {
        String prefix = backendsPath() + "/";
        api.answer(r -> r.method().equals("PUT") && r.path().startsWith(prefix)
                        && BackendJson.fromJson(r.body()).getMetadata().getResourceVersion() == null, Integer.MAX_VALUE,
                r -> {
                    String name = r.path().substring(prefix.length()).replace("/status", "");
                    return ScriptedApiServer.json(422, String.format(UNCONDITIONAL_UPDATE_REFUSED, name, name));
                });
    }

    private Predicate<Req> put(String name) {
        return Req.call("PUT", backendsPath() + "/" + name);
    }

    // ---- 10.1: update without a resourceVersion ----

    @Test
    void updateWithoutResourceVersionSendsTheCurrentOneAndOverwrites() {
        refuseUnconditionalUpdates();
        Backend created = backends.create(TestBackends.staticBackend("blind"));
        backends.update(withLabel(created, "writer", "first"));
        Backend blind = withLabel(created, "writer", "second");

        Backend updated = backends.update(blind.withMetadata(blind.getMetadata().withResourceVersion(null)));

        assertThat(label(updated, "writer")).isEqualTo("second");
        List<Req> puts = api.requests(put("blind"));
        assertThat(BackendJson.fromJson(puts.get(puts.size() - 1).body()).getMetadata().getResourceVersion()).isNotNull();
    }

    @Test
    void updateStatusWithoutResourceVersionSendsTheCurrentOne() {
        refuseUnconditionalUpdates();
        Backend created = backends.create(TestBackends.staticBackend("reported"));
        Backend blind = created.withMetadata(created.getMetadata().withResourceVersion(null))
                .withStatus(TestBackends.acceptedStatus(ConditionStatus.TRUE));

        Backend updated = backends.updateStatus(blind);

        assertThat(updated.getStatus()).isEqualTo(TestBackends.acceptedStatus(ConditionStatus.TRUE));
    }

    @Test
    void updateWithoutResourceVersionOfAnAbsentBackendIsNotFound() {
        Backend never = TestBackends.staticBackend("never");

        assertThatThrownBy(() -> backends.update(never)).isInstanceOf(BackendNotFoundException.class);
    }

    // ---- 10.3: lost answers after commit ----

    @Test
    void updateWhoseAnswerIsLostAfterCommitReturnsTheStoredBackendWithoutConflict() {
        Backend created = backends.create(TestBackends.staticBackend("lost"));
        api.commitThenFail(put("lost"), 1, 504);

        Backend updated = backends.update(withLabel(created, "tier", "gold"));

        assertThat(label(updated, "tier")).isEqualTo("gold");
        assertThat(updated.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(api.requests(put("lost").and(r -> !r.query().containsKey("dryRun")))).as("the PUT landed; it is not sent again").hasSize(1);
    }

    @Test
    void editWhoseAnswerIsLostAfterCommitSaysItsOutcomeIsUnknownAndRunsItsChangeOnce() {
        backends.create(withLabel(TestBackends.staticBackend("counted"), "count", "0"));
        api.commitThenFail(put("counted"), 1, 500);
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> backends.edit("counted", b -> {
            runs.incrementAndGet();
            return withLabel(b, "count", Integer.toString(Integer.parseInt(label(b, "count")) + 1));
        })).isInstanceOf(dev.kgateway.sdk.client.BackendWriteOutcomeUnknownException.class);

        assertThat(runs).hasValue(1);
        assertThat(label(backends.require("counted"), "count")).isEqualTo("1");
    }

    @Test
    void updateWhoseAnswerIsLostWhileSomeoneElseWroteIsAConflictAndIsNotRepeated() {
        Backend created = backends.create(TestBackends.staticBackend("raced"));
        // the PUT fails without being stored; the read that follows finds another writer's version
        api.answer(put("raced"), 1, r -> ScriptedApiServer.status(500, "InternalError", "etcd timeout"));
        Backend theirs = TestBackends.stored(withLabel(TestBackends.staticBackend("raced"), "writer", "other"), backends.namespace(), "999");
        api.answer(Req.call("GET", backendsPath() + "/raced"), 1, 200, TestBackends.json(theirs));

        assertThatThrownBy(() -> backends.update(withLabel(created, "writer", "me"))).isInstanceOf(BackendConflictException.class)
                .hasMessageContaining("changed by someone else");
        assertThat(api.requests(put("raced").and(r -> !r.query().containsKey("dryRun")))).hasSize(1);
    }

    @Test
    void deleteWhoseAnswerIsLostAfterCommitReturnsTrue() {
        backends.create(TestBackends.staticBackend("gone"));
        api.commitThenFail(Req.call("DELETE", backendsPath() + "/gone"), 1, 504);

        assertThat(backends.delete("gone")).isTrue();
        assertThat(backends.get("gone")).isEmpty();
    }

    // ---- 10.5: validation refuses what the write makes wrong ----

    @Test
    void editCanRelabelAStoredBackendThatAlreadyBreaksARule() {
        try (KgatewayClient lax = KgatewayClient.builder().kubernetesClient(api.fabric8()).validateBeforeWrite(false).build()) {
            api.storedUnderALaxerCrd(() -> lax.backends().inNamespace(backends.namespace()).create(TestBackends.invalidStaticBackend("legacy")));
        }

        Backend edited = backends.edit("legacy", b -> withLabel(b, "tier", "gold"));

        assertThat(label(edited, "tier")).isEqualTo("gold");
    }

    @Test
    void editThatAddsAViolationIsStillRefusedBeforeSending() {
        try (KgatewayClient lax = KgatewayClient.builder().kubernetesClient(api.fabric8()).validateBeforeWrite(false).build()) {
            api.storedUnderALaxerCrd(() -> lax.backends().inNamespace(backends.namespace()).create(TestBackends.invalidStaticBackend("legacy")));
        }

        assertThatThrownBy(() -> backends.edit("legacy", b -> b.withSpec(b.getSpec().withStaticBackend(
                b.getSpec().getStaticBackend().withHosts(List.of(b.getSpec().getStaticBackend().getHosts().get(0).withPort(-1)))))))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .extracting(v -> v.path() + " " + v.rule()).containsExactly("spec.static.hosts[0].port minimum"));
        assertThat(api.requests(put("legacy"))).isEmpty();
    }

    @Test
    void labelsOnlyServerSideApplyIsSentWithoutSpec() {
        Backend labelsOnly = Backend.builder().metadata(m -> m.name("partial").putLabels("tier", "gold")).build();
        api.answer(Req.call("PATCH", backendsPath() + "/partial"), 1,
                r -> ScriptedApiServer.json(200, TestBackends.json(TestBackends.stored(withLabel(TestBackends.staticBackend("partial"), "tier", "gold"),
                        backends.namespace(), "3"))));

        Backend applied = backends.apply(labelsOnly);

        assertThat(label(applied, "tier")).isEqualTo("gold");
        assertThat(BackendJson.fromJson(api.requests(Req.call("PATCH", backendsPath() + "/partial")).get(0).body()).getSpec()).isNull();
    }

    @Test
    void applyStillRefusesABadValueItSends() {
        assertThatThrownBy(() -> backends.apply(TestBackends.invalidStaticBackend("bad"))).isInstanceOf(InvalidBackendException.class);
        assertThat(api.requests(Req.call("PATCH", backendsPath() + "/bad"))).isEmpty();
    }

    @Test
    void updateStatusRefusesAnInvalidStatusBeforeSending() {
        Backend created = backends.create(TestBackends.staticBackend("status"));
        BackendStatus invalid = BackendStatus.builder().addConditions(c -> c.type("Accepted").status(ConditionStatus.TRUE)
                .reason("not a reason!").message("m").lastTransitionTime("2025-01-01T00:00:00Z")).build();

        assertThatThrownBy(() -> backends.updateStatus(created.withStatus(invalid)))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .extracting(v -> v.path()).containsExactly("status.conditions[0].reason"));
        assertThat(api.requests(Req.call("PUT", backendsPath() + "/status/status"))).isEmpty();
    }

    // ---- 10.17: generateName ----

    @Test
    void createWithGenerateNameLetsTheServerName() {
        Backend generated = TestBackends.staticBackend("x");
        generated = generated.withMetadata(ObjectMeta.builder().generateName("llm-").build());

        Backend created = backends.create(generated);

        assertThat(created.getMetadata().getName()).startsWith("llm-");
        assertThat(backends.get(created.getMetadata().getName())).isPresent();
    }

    // ---- 10.22: editStatus ----

    @Test
    void editStatusRetriesOnConflictAndLandsTheChange() {
        backends.create(TestBackends.staticBackend("observed"));
        api.answer(Req.call("PUT", backendsPath() + "/observed/status"), 1,
                r -> ScriptedApiServer.status(409, "Conflict", "the object has been modified"));
        AtomicInteger runs = new AtomicInteger();

        Backend edited = backends.updateStatus("observed", b -> {
            runs.incrementAndGet();
            return b.withStatus(TestBackends.acceptedStatus(ConditionStatus.TRUE));
        });

        assertThat(runs).hasValue(2);
        assertThat(edited.getStatus()).isEqualTo(TestBackends.acceptedStatus(ConditionStatus.TRUE));
        assertThat(backends.require("observed").getStatus()).isEqualTo(TestBackends.acceptedStatus(ConditionStatus.TRUE));
    }
}
