package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a delete puts on the wire: the {@code DeleteOptions} body kube-apiserver reads (preconditions,
 * propagation policy, grace period, dry run), the label selector of a {@code deletecollection}, and
 * how answers that are neither a deletion nor a kube {@code Status} are reported.
 */
class DeleteRequestsTest extends SharedApiServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    String namespacePrefix() {
        return "deletes";
    }

    private Predicate<Req> call(String method, String name) {
        return Req.call(method, backendsPath() + "/" + name);
    }

    private JsonNode onlyBody(Predicate<Req> filter) {
        List<Req> sent = api.requests(filter);
        assertThat(sent).hasSize(1);
        return JSON.readTree(sent.get(0).body());
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aPlainDeleteSendsDeleteOptionsWithNothingElse() {
        backends.create(TestBackends.staticBackend("plain"));

        assertThat(backends.delete("plain")).isTrue();

        assertThat(onlyBody(call("DELETE", "plain"))).isEqualTo(json("{'apiVersion':'v1','kind':'DeleteOptions'}"));
    }

    @Test
    void everyOptionIsSentAsKubeApiserverNamesIt() {
        Backend created = backends.create(TestBackends.staticBackend("full"));
        DeleteOptions options = DeleteOptions.ifUnchanged(created).toBuilder()
                .propagationPolicy(DeleteOptions.PropagationPolicy.FOREGROUND).gracePeriod(Duration.ofSeconds(5)).build();

        assertThat(backends.delete("full", options)).isTrue();

        assertThat(onlyBody(call("DELETE", "full"))).isEqualTo(json("{'apiVersion':'v1','kind':'DeleteOptions','gracePeriodSeconds':5,"
                + "'preconditions':{'resourceVersion':'" + created.getMetadata().getResourceVersion() + "','uid':'"
                + created.getMetadata().getUid() + "'},'propagationPolicy':'Foreground'}"));
    }

    @Test
    void aUidPreconditionAloneIsSentWithoutAResourceVersion() {
        Backend created = backends.create(TestBackends.staticBackend("by-uid"));

        backends.delete("by-uid", DeleteOptions.builder().preconditionUid(created.getMetadata().getUid()).build());

        assertThat(onlyBody(call("DELETE", "by-uid")).path("preconditions"))
                .isEqualTo(json("{'uid':'" + created.getMetadata().getUid() + "'}"));
    }

    @Test
    void aResourceVersionPreconditionAloneIsSentWithoutAUid() {
        Backend created = backends.create(TestBackends.staticBackend("by-version"));

        backends.delete("by-version", DeleteOptions.builder().preconditionResourceVersion(created.getMetadata().getResourceVersion()).build());

        assertThat(onlyBody(call("DELETE", "by-version")).path("preconditions"))
                .isEqualTo(json("{'resourceVersion':'" + created.getMetadata().getResourceVersion() + "'}"));
    }

    @Test
    void aDryRunDeleteAsksForDryRunAll() {
        backends.create(TestBackends.staticBackend("kept"));

        assertThat(backends.dryRun().delete("kept")).isTrue();

        assertThat(onlyBody(call("DELETE", "kept")).path("dryRun")).isEqualTo(json("['All']"));
    }

    @Test
    void deleteAllSendsTheEncodedLabelSelectorToTheCollection() {
        api.answer(Req.call("DELETE", backendsPath()), 1, 200,
                "{\"kind\":\"BackendList\",\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"metadata\":{},\"items\":[{},{}]}");

        int gone = backends.deleteAll(BackendSelector.withLabel("app.kubernetes.io/team", "a-b"));

        assertThat(gone).isEqualTo(2);
        List<Req> sent = api.requests(Req.call("DELETE", backendsPath()));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).query()).containsEntry("labelSelector", "app.kubernetes.io/team=a-b");
        assertThat(JSON.readTree(sent.get(0).body())).isEqualTo(json("{'apiVersion':'v1','kind':'DeleteOptions'}"));
    }

    @Test
    void aRedirectIsNotTakenForADeletion() {
        api.answer(call("DELETE", "moved"), 1, 300, "{}");

        assertThatThrownBy(() -> backends.delete("moved")).isInstanceOf(KgatewayApiException.class)
                .satisfies(e -> assertThat(((KgatewayApiException) e).getCode()).isEqualTo(300));
    }

    @Test
    void anErrorAnswerThatIsNotAStatusIsReportedWithItsTextCutAt500Characters() {
        String text = "{\"kind\":\"Problem\",\"detail\":\"" + "x".repeat(600) + "\"}";
        api.answer(call("DELETE", "odd"), 1, 400, text);

        assertThatThrownBy(() -> backends.delete("odd")).isInstanceOf(KgatewayApiException.class)
                .satisfies(e -> {
                    KgatewayApiException api = (KgatewayApiException) e;
                    assertThat(api.getCode()).isEqualTo(400);
                    assertThat(api.getServerMessage()).isEqualTo(text.substring(0, 500));
                });
    }

    @Test
    void anErrorStatusIsReportedWithTheServersMessage() {
        api.answer(call("DELETE", "refused"), 1, r -> ScriptedApiServer.status(400, "BadRequest", "grace period too long"));

        assertThatThrownBy(() -> backends.delete("refused")).isInstanceOf(KgatewayApiException.class)
                .satisfies(e -> assertThat(((KgatewayApiException) e).getServerMessage()).isEqualTo("grace period too long"));
    }
}
