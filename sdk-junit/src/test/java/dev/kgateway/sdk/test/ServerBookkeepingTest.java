package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.client.KgatewayClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test server keeps and checks around writes, as kube-apiserver does: names and
 * namespaces of created and applied objects, resourceVersion preconditions on every kind of write,
 * the default field manager, a namespace's deletion, and API discovery.
 */
@KgatewayTest
class ServerBookkeepingTest {

    private static final String JSON = "application/json";
    private static final String APPLY = "application/apply-patch+yaml";

    KgatewayClient kgw;
    KgatewayTestServer server;
    @TestNamespace
    String ns;

    private static String collection(String namespace) {
        return Fixtures.backendsPath(namespace);
    }

    private static String backend(String metadata) {
        return Fixtures.staticJson(metadata);
    }

    private String created(String name) {
        return kgw.backends().inNamespace(ns).create(Fixtures.staticBackend(name)).getMetadata().getResourceVersion();
    }

    @Test
    void generateNameGetsARandomSuffixAndANamelessCreateIs422() {
        ObjectNode withStatus = (ObjectNode) Fixtures.JSON.readTree(backend("\"generateName\":\"web-\""));
        withStatus.putObject("status").putArray("conditions");
        RawHttp.Answer generated = RawHttp.send(server, "POST", collection(ns), JSON, Fixtures.JSON.writeValueAsString(withStatus));
        RawHttp.Answer nameless = RawHttp.send(server, "POST", collection(ns), JSON, backend(""));

        assertThat(generated.code()).isEqualTo(201);
        assertThat(generated.json().path("metadata").path("name").asString()).startsWith("web-").hasSize(9);
        assertThat(generated.json().has("status")).as("status is a subresource: a create drops it").isFalse();
        assertThat(nameless.code()).isEqualTo(422);
        assertThat(nameless.json().path("details").path("causes").get(0).path("field").asString()).isEqualTo("metadata.name");
    }

    @Test
    void everyWriteChecksTheNamespaceOfTheObjectAgainstThePath() {
        String rv = created("web");
        String elsewhere = "\"namespace\":\"elsewhere\"";

        RawHttp.Answer put = RawHttp.send(server, "PUT", collection(ns) + "/web", JSON,
                backend("\"name\":\"web\"," + elsewhere + ",\"resourceVersion\":\"" + rv + "\""));
        RawHttp.Answer apply = RawHttp.send(server, "PATCH", collection(ns) + "/web?fieldManager=ci", APPLY,
                backend("\"name\":\"web\"," + elsewhere));
        RawHttp.Answer applyNew = RawHttp.send(server, "PATCH", collection("missing-ns") + "/web?fieldManager=ci", APPLY,
                backend("\"name\":\"web\""));

        assertThat(put.code()).isEqualTo(400);
        assertThat(apply.code()).isEqualTo(400);
        assertThat(applyNew.code()).as("an apply into a namespace that does not exist").isEqualTo(404);
        assertThat(applyNew.json().path("details").path("kind").asString()).isEqualTo("namespaces");
    }

    @Test
    void aStaleResourceVersionFailsAMergePatchAndAnApplyWith409() {
        created("web");

        RawHttp.Answer patch = RawHttp.send(server, "PATCH", collection(ns) + "/web", "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"1\",\"labels\":{\"a\":\"b\"}}}");
        RawHttp.Answer apply = RawHttp.send(server, "PATCH", collection(ns) + "/web?fieldManager=ci", APPLY,
                backend("\"name\":\"web\",\"resourceVersion\":\"1\""));

        assertThat(patch.code()).isEqualTo(409);
        assertThat(apply.code()).isEqualTo(409);
        assertThat(apply.json().path("message").asString()).endsWith("the object has been modified; please apply your changes to the"
                + " latest version and try again");
        assertThat(kgw.backends().inNamespace(ns).require("web").getMetadata().getLabels()).doesNotContainKey("a");
    }

    @Test
    void theDefaultFieldManagerIsTheUserAgentUpToItsFirstSlash() {
        RawHttp.Answer answer = RawHttp.send(server, "POST", collection(ns), JSON, backend("\"name\":\"web\""));
        RawHttp.Answer named = RawHttp.send(server, "POST", collection(ns) + "?fieldManager=ci", JSON, backend("\"name\":\"api\""));

        assertThat(answer.json().path("metadata").path("managedFields").get(0).path("manager").asString()).isEqualTo("Java-http-client");
        assertThat(named.json().path("metadata").path("managedFields").get(0).path("manager").asString()).isEqualTo("ci");
    }

    @Test
    void deletingANamespaceDeletesWhatIsInItAndNothingElse() {
        String doomed = server.createNamespace(ns + "-a");
        String sibling = server.createNamespace(ns + "-ab");
        kgw.backends().inNamespace(doomed).create(Fixtures.staticBackend("web"));
        kgw.backends().inNamespace(sibling).create(Fixtures.staticBackend("web"));

        server.deleteNamespace(doomed);

        assertThat(RawHttp.send(server, "GET", collection(doomed) + "/web", null, null).code()).isEqualTo(404);
        assertThat(kgw.backends().inNamespace(sibling).get("web")).isPresent();
    }

    @Test
    void discoveryListsTheResourcesAndTheStatusSubresourceWithTheirVerbs() {
        RawHttp.Answer answer = RawHttp.send(server, "GET", "/apis/gateway.kgateway.dev/v1alpha1", null, null);
        RawHttp.Answer unknownVersion = RawHttp.send(server, "GET", "/apis/gateway.kgateway.dev/v9", null, null);

        assertThat(answer.code()).isEqualTo(200);
        JsonNode list = answer.json();
        assertThat(list.path("groupVersion").asString()).isEqualTo("gateway.kgateway.dev/v1alpha1");
        JsonNode backends = list.path("resources").get(0);
        JsonNode status = list.path("resources").get(1);
        assertThat(backends.path("name").asString()).isEqualTo("backends");
        assertThat(backends.path("namespaced").asBoolean()).isTrue();
        assertThat(backends.path("verbs").valueStream().map(JsonNode::asString).toList())
                .containsExactly("create", "delete", "get", "list", "patch", "update", "watch");
        assertThat(status.path("name").asString()).isEqualTo("backends/status");
        assertThat(status.path("verbs").valueStream().map(JsonNode::asString).toList()).containsExactly("get", "patch", "update");
        assertThat(list.path("resources")).hasSize(2);
        assertThat(unknownVersion.code()).isEqualTo(404);
        assertThat(RawHttp.send(server, "GET", "/api/v1", null, null).json().path("resources").get(0).path("name").asString())
                .isEqualTo("namespaces");
    }

    @Test
    void aRecordedCallShowsMethodPathQueryAndBodySizeButNeverTheBody() {
        server.clearRequests();
        RawHttp.send(server, "POST", collection(ns) + "?fieldManager=ci&dryRun=All", JSON, backend("\"name\":\"web\""));
        RawHttp.send(server, "GET", collection(ns), null, null);

        List<RecordedCall> calls = server.requests();

        assertThat(calls.get(0)).hasToString("POST " + collection(ns) + " {dryRun=All, fieldManager=ci} (application/json, "
                + backend("\"name\":\"web\"").length() + " chars)");
        assertThat(calls.get(1)).hasToString("GET " + collection(ns));
    }
}
