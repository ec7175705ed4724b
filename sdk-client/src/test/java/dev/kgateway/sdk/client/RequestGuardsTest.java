package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

import static dev.kgateway.sdk.client.TestBackends.label;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The request path: what is refused before any request (names, namespaces, malformed patches),
 * what each write sends (one PATCH and no GET, delete options, dry run), and the errors a real API
 * server's answers map to (missing CRD, missing or terminating namespace, 403 of another verb,
 * 422 with causes, an unreadable answer).
 */
class RequestGuardsTest extends SharedApiServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    String namespacePrefix() {
        return "guards";
    }

    private List<Req> inThisNamespace() {
        return api.requests(r -> r.path().startsWith(backendsPath()));
    }

    // ---- 10.16 / 10.19: names and namespaces ----

    @ParameterizedTest
    @ValueSource(strings = {"a?b=c", "../../../../../../api/v1/namespaces/w", "a/b", "UPPER", "a..b", ".", "..", "web\n", "-a", "a#b"})
    void invalidNamesAreRefusedBeforeAnyRequest(String name) {
        assertThatThrownBy(() -> backends.delete(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid Backend name").hasMessageContaining("DNS-1123 subdomain");
        assertThatThrownBy(() -> backends.get(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backends.patch(name, "{}")).isInstanceOf(IllegalArgumentException.class);
        Backend named = TestBackends.staticBackend("ok").withMetadata(TestBackends.staticBackend("ok").getMetadata().withName(name));
        // validating, the name is reported with the other violations (when the schema's pattern catches it) or refused after
        assertThatThrownBy(() -> backends.create(named)).isInstanceOfAny(dev.kgateway.sdk.model.InvalidBackendException.class,
                IllegalArgumentException.class);
        try (KgatewayClient lax = KgatewayClient.builder().kubernetesClient(api.fabric8()).validateBeforeWrite(false).build()) {
            assertThatThrownBy(() -> lax.backends().inNamespace(backends.namespace()).create(named))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid Backend name");
            assertThatThrownBy(() -> lax.backends().inNamespace(backends.namespace()).update(named))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid Backend name");
        }
        assertThat(inThisNamespace()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad NS", "a.b", "../x", "ns?x=1", ""})
    void invalidNamespacesAreRefusedWithAClearError(String namespace) {
        assertThatThrownBy(() -> kgw.backends().inNamespace(namespace)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid namespace").hasMessageContaining("DNS-1123 label");
    }

    @Test
    void dottedNamesAreValid() {
        Backend created = backends.create(TestBackends.staticBackend("api.example.com"));

        assertThat(backends.delete(created.getMetadata().getName())).isTrue();
    }

    // ---- 10.10 / 10.19: patch ----

    @Test
    void patchSendsOnePatchAndNoRead() {
        backends.create(TestBackends.staticBackend("patched"));

        Backend patched = backends.patch("patched", "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}");

        assertThat(label(patched, "tier")).isEqualTo("gold");
        assertThat(inThisNamespace()).extracting(Req::method).containsExactly("POST", "PATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1,2]", "\"text\"", ""})
    void malformedPatchIsRefusedBeforeAnyRequest(String patch) {
        assertThatThrownBy(() -> backends.patch("openai", patch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("merge patch");
        assertThat(inThisNamespace()).isEmpty();
    }

    // ---- 10.14: delete options and dry run ----

    @Test
    void deleteSendsPreconditionsPropagationAndGracePeriod() {
        Backend created = backends.create(TestBackends.staticBackend("careful"));

        boolean deleted = backends.delete("careful", DeleteOptions.ifUnchanged(created).toBuilder()
                .propagationPolicy(DeleteOptions.PropagationPolicy.FOREGROUND).gracePeriod(Duration.ZERO).build());

        assertThat(deleted).isTrue();
        JsonNode body = JSON.readTree(api.requests(Req.call("DELETE", backendsPath() + "/careful")).get(0).body());
        assertThat(body.path("preconditions").path("uid").asString()).isEqualTo(created.getMetadata().getUid());
        assertThat(body.path("preconditions").path("resourceVersion").asString()).isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(body.path("propagationPolicy").asString()).isEqualTo("Foreground");
        assertThat(body.path("gracePeriodSeconds").asLong()).isZero();
    }

    @Test
    void failedDeletePreconditionIsAConflict() {
        Backend created = backends.create(TestBackends.staticBackend("changed"));
        api.answer(Req.call("DELETE", backendsPath() + "/changed"), 1, r -> ScriptedApiServer.status(409, "Conflict",
                "Operation cannot be fulfilled on backends.gateway.kgateway.dev \"changed\": Precondition failed: UID in precondition: x,"
                        + " UID in object meta: y"));

        assertThatThrownBy(() -> backends.delete("changed", DeleteOptions.ifUnchanged(created)))
                .isInstanceOf(BackendConflictException.class).hasMessageContaining("Precondition failed");
        assertThat(backends.get("changed")).isPresent();
    }

    @Test
    void deleteOfAnAbsentBackendIsFalse() {
        assertThat(backends.delete("absent")).isFalse();
    }

    @Test
    void dryRunSendsDryRunAllOnEveryWrite() {
        Backend created = backends.create(TestBackends.staticBackend("real"));
        NamespacedBackendClient dry = backends.dryRun();

        dry.create(TestBackends.staticBackend("dry"));
        dry.update(withLabel(created, "a", "b"));
        dry.patch("real", "{\"metadata\":{\"labels\":{\"c\":\"d\"}}}");
        dry.delete("real");

        List<Req> writes = inThisNamespace().subList(1, inThisNamespace().size());
        assertThat(writes).extracting(Req::method).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(writes.subList(0, 3)).allSatisfy(r -> assertThat(r.query()).containsEntry("dryRun", "All"));
        assertThat(JSON.readTree(writes.get(3).body()).path("dryRun").get(0).asString()).isEqualTo("All");
    }

    // ---- 10.22: delete by label selector, fabric8 conversion ----

    @Test
    void deleteAllDeletesTheSelectedBackendsOnly() {
        backends.create(withLabel(TestBackends.staticBackend("a"), "team", "search"));
        backends.create(withLabel(TestBackends.staticBackend("b"), "team", "search"));
        backends.create(withLabel(TestBackends.staticBackend("c"), "team", "ads"));

        int deleted = backends.deleteAll(BackendSelector.withLabel("team", "search"));

        assertThat(deleted).isEqualTo(2);
        assertThat(backends.list()).extracting(b -> b.getMetadata().getName()).containsExactly("c");
    }

    @Test
    void deleteAllRefusesAnEmptySelector() {
        assertThatThrownBy(() -> backends.deleteAll(BackendSelector.all())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fabric8GenericConversionIsLossless() {
        Backend created = backends.create(withLabel(TestBackends.openAiBackend("gen"), "tier", "gold"));

        GenericKubernetesResource generic = Fabric8Backends.toGeneric(created);

        assertThat(generic.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(generic.getKind()).isEqualTo("Backend");
        assertThat(Fabric8Backends.fromGeneric(generic)).isEqualTo(created);
        GenericKubernetesResource other = new GenericKubernetesResource();
        other.setApiVersion("gateway.envoyproxy.io/v1alpha1");
        other.setKind("Backend");
        assertThatThrownBy(() -> Fabric8Backends.fromGeneric(other)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- 10.10 / 10.18 / 10.19: errors as a real API server answers them ----

    @Test
    void listWhenTheCrdIsMissingSaysTheResourceIsNotServed() {
        api.answer(Req.list(backendsPath()), 1, 404, TestBackends.statusJson(404, "NotFound", "the server could not find the requested resource"));

        assertThatThrownBy(() -> backends.list()).isInstanceOfSatisfying(KgatewayApiException.class, e -> {
            assertThat(e).isNotInstanceOf(BackendNotFoundException.class);
            assertThat(e.getCode()).isEqualTo(404);
        }).hasMessageContaining("backends.gateway.kgateway.dev").hasMessageContaining("not served").hasMessageContaining("installCrd");
    }

    @Test
    void createInAMissingNamespaceSaysSo() {
        api.answer(Req.call("POST", backendsPath()), 1, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"namespaces \\\"" + backends.namespace() + "\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\""
                + backends.namespace() + "\",\"kind\":\"namespaces\"},\"code\":404}");

        assertThatThrownBy(() -> backends.create(TestBackends.staticBackend("x"))).isInstanceOfSatisfying(KgatewayApiException.class,
                e -> assertThat(e).isNotInstanceOf(BackendNotFoundException.class))
                .hasMessageContaining("namespace '" + backends.namespace() + "' does not exist");
    }

    @Test
    void createInATerminatingNamespaceDoesNotBlameRbac() {
        api.answer(Req.call("POST", backendsPath()), 1, 403, TestBackends.statusJson(403, "Forbidden",
                "backends.gateway.kgateway.dev \\\"x\\\" is forbidden: unable to create new content in namespace " + backends.namespace()
                        + " because it is being terminated"));

        assertThatThrownBy(() -> backends.create(TestBackends.staticBackend("x"))).isInstanceOfSatisfying(KgatewayApiException.class,
                e -> assertThat(e).isNotInstanceOf(KgatewayAuthorizationException.class)).hasMessageContaining("is being deleted")
                .hasMessageNotContaining("grant verb");
    }

    @Test
    void forbiddenApplyThatCreatesNamesTheCreateVerb() {
        api.answer(Req.call("PATCH", backendsPath() + "/x"), 1, 403, TestBackends.statusJson(403, "Forbidden",
                "backends.gateway.kgateway.dev \\\"x\\\" is forbidden: User \\\"app\\\" cannot create resource \\\"backends\\\" in API group"
                        + " \\\"gateway.kgateway.dev\\\" in the namespace \\\"" + backends.namespace() + "\\\""));

        assertThatThrownBy(() -> backends.apply(TestBackends.staticBackend("x"))).isInstanceOfSatisfying(KgatewayAuthorizationException.class,
                e -> assertThat(e.getVerb()).isEqualTo("create")).hasMessageContaining("grant verb 'create'");
    }

    @Test
    void invalidAnswerKeepsItsCodeReasonAndCauses() {
        api.answer(Req.call("POST", backendsPath()), 1, 422, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Backend.gateway.kgateway.dev \\\"x\\\" is invalid: spec.static.hosts[0].port: Invalid value: 0\",\"reason\":\"Invalid\","
                + "\"details\":{\"name\":\"x\",\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: 0\","
                + "\"field\":\"spec.static.hosts[0].port\"}]},\"code\":422}");

        assertThatThrownBy(() -> backends.create(TestBackends.staticBackend("x"))).isInstanceOfSatisfying(BackendRejectedException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getReason()).isEqualTo("Invalid");
            assertThat(e.getCause()).isNotNull();
            assertThat(e.getViolations()).extracting(v -> v.path() + " " + v.rule()).containsExactly("spec.static.hosts[0].port FieldValueInvalid");
        });
    }

    @Test
    void answerWithANullLabelNamesWhereItCouldNotBeRead() {
        String stored = TestBackends.json(TestBackends.stored(TestBackends.staticBackend("nulls"), backends.namespace(), "4"))
                .replace("\"metadata\":{", "\"metadata\":{\"labels\":{\"tier\":null},");
        api.answer(Req.call("GET", backendsPath() + "/nulls"), 1, 200, stored);

        assertThatThrownBy(() -> backends.get("nulls")).isInstanceOf(KgatewayApiException.class)
                .hasMessageContaining("could not be read").hasMessageContaining("labels");
    }
}
