package dev.kgateway.sdk.test.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.test.TestCluster;
import dev.kgateway.sdk.test.TestNamespace;
import dev.kgateway.sdk.test.TestServerKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviours of kube-apiserver that the embedded server claims, written once and run on both servers
 * (the subclasses choose one each): where the two answer differently, the embedded one is wrong.
 */
abstract class BackendScenarios {

    TestCluster cluster;
    @TestNamespace
    String ns;

    KgatewayClient kgw;
    KubernetesClient fabric8;

    /** @return the server the subclass runs on */
    abstract TestServerKind expectedServer();

    /** Makes every resourceVersion handed out so far too old to read at: the embedded server expires its history, etcd compacts. */
    abstract void compactHistory();

    @BeforeEach
    void clientsOfTheCluster() {
        assertThat(cluster.kind()).isEqualTo(expectedServer());
        kgw = cluster.kgatewayClient();
        fabric8 = cluster.kubernetesClient();
    }

    static Backend web(String name) {
        return Backend.builder().metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(8080))))
                .build();
    }

    private MixedOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>> raw() {
        return fabric8.genericKubernetesResources("gateway.kgateway.dev/v1alpha1", "Backend");
    }

    private GenericKubernetesResource rawWeb(String name) {
        return fabric8.getKubernetesSerialization().unmarshal(
                "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + name + "\"},"
                        + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":8080}]}}}",
                GenericKubernetesResource.class);
    }

    @Test
    void aNameThatIsNoDns1123SubdomainIsRefusedWith422() {
        assertThatThrownBy(() -> raw().inNamespace(ns).resource(rawWeb("Web_1")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> {
                        assertThat(c.getField()).isEqualTo("metadata.name");
                        assertThat(c.getReason()).isEqualTo("FieldValueInvalid");
                        assertThat(c.getMessage()).startsWith("Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of"
                                + " lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");
                    });
                });
    }

    @Test
    void aDryRunCreateStoresNothing() {
        raw().inNamespace(ns).resource(rawWeb("web")).dryRun().create();
        assertThat(raw().inNamespace(ns).withName("web").get()).isNull();
        assertThat(kgw.backends().inNamespace(ns).dryRun().create(web("web2")).getMetadata().getName()).isEqualTo("web2");
        assertThat(kgw.backends().inNamespace(ns).get("web2")).isEmpty();
    }

    @Test
    void anUpdateWithoutResourceVersionIsRefusedWith422() throws Exception {
        raw().inNamespace(ns).resource(rawWeb("web")).create();
        GenericKubernetesResource unversioned = rawWeb("web");
        unversioned.getMetadata().setNamespace(ns);
        HttpRequest put = fabric8.getHttpClient().newHttpRequestBuilder().uri(backendsUri("/web"))
                .put("application/json", fabric8.getKubernetesSerialization().asJson(unversioned)).build();
        HttpResponse<String> answer = fabric8.getHttpClient().sendAsync(put, String.class).get(20, TimeUnit.SECONDS);
        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body()).contains("metadata.resourceVersion").contains("must be specified for an update");
    }

    private URI backendsUri(String rest) {
        String base = fabric8.getMasterUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns + "/backends" + rest);
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheResourceVersion() {
        GenericKubernetesResource created = raw().inNamespace(ns).resource(rawWeb("web")).create();
        GenericKubernetesResource same = raw().inNamespace(ns).resource(created).update();
        assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void applyByAnotherManagerIsAConflictUntilForced() {
        NamespacedBackendClient backends = kgw.backends().inNamespace(ns);
        backends.apply(web("web"), ApplyOptions.fieldManager("platform-team"));
        Backend moved = web("web").withSpec(web("web").getSpec().withStaticBackend(web("web").getSpec().getStaticBackend()
                .withHosts(java.util.List.of(web("web").getSpec().getStaticBackend().getHosts().get(0).withPort(9090)))));
        assertThatThrownBy(() -> backends.apply(moved, ApplyOptions.fieldManager("my-service")))
                .isInstanceOf(BackendConflictException.class).hasMessageContaining("platform-team");
        assertThat(backends.apply(moved, ApplyOptions.fieldManager("my-service").withForce(true)).getSpec().getStaticBackend()
                .getHosts().get(0).getPort()).isEqualTo(9090);
    }

    @Test
    void anEditThatChangesNothingKeepsTheResourceVersion() {
        NamespacedBackendClient backends = kgw.backends().inNamespace(ns);
        Backend created = backends.create(web("web").withMetadata(web("web").getMetadata().withLabels(Map.of("a", "1"))));
        assertThat(backends.edit("web", b -> b.editMetadata(m -> m.putLabels("a", "1"))).getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void aPlainHttpWatchStreamsOneJsonEventPerLine() throws Exception {
        GenericKubernetesResource created = raw().inNamespace(ns).resource(rawWeb("web")).create();
        String base = fabric8.getMasterUrl().toString();
        URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "apis/gateway.kgateway.dev/v1alpha1/namespaces/" + ns
                + "/backends?watch=true&timeoutSeconds=1&resourceVersion=0");
        HttpRequest request = fabric8.getHttpClient().newHttpRequestBuilder().uri(uri).build();
        HttpResponse<String> answer = fabric8.getHttpClient().sendAsync(request, String.class).get(20, TimeUnit.SECONDS);
        assertThat(answer.code()).isEqualTo(200);
        String[] lines = answer.body().trim().split("\n");
        assertThat(lines).as(answer.body()).isNotEmpty();
        assertThat(lines[0]).as(answer.body()).startsWith("{");
        Map<?, ?> first = fabric8.getKubernetesSerialization().unmarshal(lines[0], Map.class);
        assertThat(first.get("type")).isEqualTo("ADDED");
        assertThat(((Map<?, ?>) ((Map<?, ?>) first.get("object")).get("metadata")).get("name")).isEqualTo(created.getMetadata().getName());
    }

    // ------------------------------------------------------------------ raw HTTP

    private static final String WEB_SPEC = "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":8080}]}";

    private static String backendJson(String name, String specExtra) {
        return "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + name + "\"},"
                + WEB_SPEC + specExtra + "}}";
    }

    private HttpResponse<String> send(String method, String rest, String contentType, String body) throws Exception {
        HttpRequest.Builder builder = fabric8.getHttpClient().newHttpRequestBuilder().uri(backendsUri(rest));
        if (method.equals("GET")) {
            builder.header("Accept", "application/json");
        } else {
            builder.method(method, contentType, body);
        }
        return fabric8.getHttpClient().sendAsync(builder.build(), String.class).get(30, TimeUnit.SECONDS);
    }

    private Map<?, ?> json(String text) {
        return fabric8.getKubernetesSerialization().unmarshal(text, Map.class);
    }

    private static Object at(Object node, String... path) {
        Object at = node;
        for (String p : path) {
            at = at instanceof Map<?, ?> m ? m.get(p) : null;
        }
        return at;
    }

    private static List<String> names(Map<?, ?> list) {
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) list.get("items")) {
            out.add((String) at(item, "metadata", "name"));
        }
        return out;
    }

    private static long rv(Object object) {
        return Long.parseLong((String) at(object, "metadata", "resourceVersion"));
    }

    // ------------------------------------------------------------------ fieldValidation

    // The SDK's Backend CRD keeps unknown members (x-kubernetes-preserve-unknown-fields), so the unknown-field
    // scenarios write Widgets (crds/widgets.yaml), whose schema prunes them.

    private HttpResponse<String> createWidget(String query, String spec) throws Exception {
        String base = fabric8.getMasterUrl().toString();
        URI uri = URI.create((base.endsWith("/") ? base : base + "/") + "apis/test.kgateway.dev/v1/namespaces/" + ns + "/widgets" + query);
        HttpRequest post = fabric8.getHttpClient().newHttpRequestBuilder().uri(uri).post("application/json",
                "{\"apiVersion\":\"test.kgateway.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},\"spec\":" + spec + "}").build();
        return fabric8.getHttpClient().sendAsync(post, String.class).get(30, TimeUnit.SECONDS);
    }

    private static final String UNKNOWN_FOO_WARNING = "299 - \"unknown field \\\"spec.foo\\\"\"";

    @Test
    void strictFieldValidationRefusesAnUnknownFieldWith400() throws Exception {
        HttpResponse<String> answer = createWidget("?fieldValidation=Strict", "{\"size\":1,\"foo\":\"bar\"}");
        assertThat(answer.code()).as(answer.body()).isEqualTo(400);
        Map<?, ?> status = json(answer.body());
        assertThat(status.get("reason")).isEqualTo("BadRequest");
        assertThat(status.get("message")).isEqualTo("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error:"
                + " unknown field \"spec.foo\"");
        assertThat(fabric8.genericKubernetesResources("test.kgateway.dev/v1", "Widget").inNamespace(ns).withName("w").get()).isNull();
    }

    @Test
    void strictFieldValidationRefusesADuplicateFieldWith400() throws Exception {
        HttpResponse<String> answer = send("POST", "?fieldValidation=Strict", "application/json", backendJson("web", ",\"type\":\"Static\""));
        assertThat(answer.code()).as(answer.body()).isEqualTo(400);
        Map<?, ?> status = json(answer.body());
        assertThat(status.get("reason")).isEqualTo("BadRequest");
        assertThat(status.get("message")).isEqualTo("Backend in version \"v1alpha1\" cannot be handled as a Backend: strict decoding error:"
                + " duplicate field \"spec.type\"");
        assertThat(raw().inNamespace(ns).withName("web").get()).isNull();
    }

    @Test
    void warnFieldValidationAcceptsAnUnknownFieldWithAWarningAndPrunesIt() throws Exception {
        HttpResponse<String> answer = createWidget("?fieldValidation=Warn", "{\"size\":1,\"foo\":\"bar\"}");
        assertThat(answer.code()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers("Warning")).containsExactly(UNKNOWN_FOO_WARNING);
        assertThat(at(json(answer.body()), "spec")).isEqualTo(Map.of("size", 1, "color", "blue"));
        assertThat(fabric8.genericKubernetesResources("test.kgateway.dev/v1", "Widget").inNamespace(ns).withName("w").get()
                .getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 1, "color", "blue"));
    }

    @Test
    void withoutFieldValidationTheServerWarnsAsWithWarn() throws Exception {
        HttpResponse<String> answer = createWidget("", "{\"size\":1,\"foo\":\"bar\"}");
        assertThat(answer.code()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers("Warning")).containsExactly(UNKNOWN_FOO_WARNING);
        assertThat(at(json(answer.body()), "spec")).isEqualTo(Map.of("size", 1, "color", "blue"));
    }

    @Test
    void ignoreFieldValidationPrunesAnUnknownFieldSilently() throws Exception {
        HttpResponse<String> answer = createWidget("?fieldValidation=Ignore", "{\"size\":1,\"foo\":\"bar\"}");
        assertThat(answer.code()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers("Warning")).isEmpty();
        assertThat(at(json(answer.body()), "spec")).isEqualTo(Map.of("size", 1, "color", "blue"));
    }

    @Test
    void strictFieldValidationOnTheSdksBackendCrdKeepsAnUnknownSpecMember() throws Exception {
        HttpResponse<String> answer = send("POST", "?fieldValidation=Strict", "application/json", backendJson("web", ",\"foo\":\"bar\""));
        assertThat(answer.code()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers("Warning")).isEmpty();
        assertThat(at(json(answer.body()), "spec", "foo")).isEqualTo("bar");
    }

    // ------------------------------------------------------------------ strategic merge patch

    @Test
    void aStrategicMergePatchOfACustomResourceIs415() throws Exception {
        raw().inNamespace(ns).resource(rawWeb("web")).create();
        HttpResponse<String> answer = send("PATCH", "/web", "application/strategic-merge-patch+json",
                "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}");
        assertThat(answer.code()).as(answer.body()).isEqualTo(415);
        Map<?, ?> status = json(answer.body());
        assertThat(status.get("reason")).isEqualTo("UnsupportedMediaType");
        assertThat(status.get("message")).isEqualTo("the body of the request was in an unknown format - accepted media types include:"
                + " application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        assertThat(raw().inNamespace(ns).withName("web").get().getMetadata().getLabels()).isNullOrEmpty();
    }

    // ------------------------------------------------------------------ resourceVersionMatch

    @Test
    void aListNotOlderThanAResourceVersionIncludesTheWritesUpToIt() throws Exception {
        long created = rv(json(send("POST", "", "application/json", backendJson("a", "")).body()));
        HttpResponse<String> answer = send("GET", "?resourceVersionMatch=NotOlderThan&resourceVersion=" + created, null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(200);
        Map<?, ?> list = json(answer.body());
        assertThat(names(list)).containsExactly("a");
        assertThat(rv(list)).isGreaterThanOrEqualTo(created);
    }

    @Test
    void anExactListAtTheCurrentResourceVersionIsTheCurrentList() throws Exception {
        send("POST", "", "application/json", backendJson("a", ""));
        send("POST", "", "application/json", backendJson("b", ""));
        long current = rv(json(send("GET", "", null, null).body()));
        HttpResponse<String> answer = send("GET", "?resourceVersionMatch=Exact&resourceVersion=" + current, null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(200);
        Map<?, ?> list = json(answer.body());
        assertThat(names(list)).containsExactly("a", "b");
        assertThat(rv(list)).isEqualTo(current);
    }

    @Test
    void anExactListAtAnOlderResourceVersionShowsTheObjectsAsTheyWereThen() throws Exception {
        long first = rv(json(send("POST", "", "application/json", backendJson("a", "")).body()));
        send("POST", "", "application/json", backendJson("b", ""));
        send("DELETE", "/a", "application/json", "{}");
        HttpResponse<String> answer = send("GET", "?resourceVersionMatch=Exact&resourceVersion=" + first, null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(200);
        Map<?, ?> list = json(answer.body());
        assertThat(names(list)).containsExactly("a");
        assertThat(rv(list)).isEqualTo(first);
        assertThat(rv(((List<?>) list.get("items")).get(0))).isEqualTo(first);
    }

    @Test
    void anExactListAtAResourceVersionOlderThanTheServerKeepsIs410() throws Exception {
        send("POST", "", "application/json", backendJson("a", ""));
        compactHistory();
        // on kube-apiserver, a resourceVersion from before the watch cache of Backends began, so that it asks etcd
        HttpResponse<String> answer = send("GET", "?resourceVersionMatch=Exact&resourceVersion=2", null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(410);
        Map<?, ?> status = json(answer.body());
        assertThat(status.get("reason")).isEqualTo("Expired");
        assertThat(status.get("message")).isEqualTo("The resourceVersion for the provided list is too old.");
    }

    @Test
    void aContinuedListShowsTheObjectsAsTheyWereAtItsFirstPage() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            send("POST", "", "application/json", backendJson(name, ""));
        }
        Map<?, ?> first = json(send("GET", "?limit=1", null, null).body());
        assertThat(names(first)).containsExactly("a");
        send("DELETE", "/b", "application/json", "{}");
        send("POST", "", "application/json", backendJson("d", ""));
        HttpResponse<String> answer = send("GET", "?continue=" + at(first, "metadata", "continue"), null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(200);
        Map<?, ?> rest = json(answer.body());
        assertThat(names(rest)).containsExactly("b", "c");
        assertThat(rv(rest)).isEqualTo(rv(first));
    }

    @Test
    void resourceVersionMatchWithoutAResourceVersionIsRefused() throws Exception {
        HttpResponse<String> answer = send("GET", "?resourceVersionMatch=Exact", null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(422);
        Map<?, ?> status = json(answer.body());
        assertThat(status.get("reason")).isEqualTo("Invalid");
        assertThat(status.get("message")).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " resourceVersionMatch is forbidden unless resourceVersion is provided");
    }

    // ------------------------------------------------------------------ watch-list

    private static final String WATCH_LIST = "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true";

    /** @return the watch's events as {@code ADDED a}, {@code BOOKMARK initial-events-end} (other bookmarks left out) */
    private List<String> sequence(List<String> lines, long notBefore) {
        List<String> sequence = new ArrayList<>();
        for (String line : lines) {
            Map<?, ?> event = json(line);
            Object object = event.get("object");
            if ("BOOKMARK".equals(event.get("type"))) {
                if ("true".equals(at(object, "metadata", "annotations", "k8s.io/initial-events-end"))) {
                    sequence.add("BOOKMARK initial-events-end");
                    assertThat(rv(object)).isGreaterThanOrEqualTo(notBefore);
                    assertThat(at(object, "kind")).isEqualTo("Backend");
                    assertThat(at(object, "apiVersion")).isEqualTo("gateway.kgateway.dev/v1alpha1");
                }
            } else {
                sequence.add(event.get("type") + " " + at(object, "metadata", "name"));
            }
        }
        return sequence;
    }

    @Test
    void aWatchListSendsTheObjectsThenABookmarkEndingTheInitialEventsThenTheChanges() throws Exception {
        send("POST", "", "application/json", backendJson("a", ""));
        long lastBefore = rv(json(send("POST", "", "application/json", backendJson("b", "")).body()));
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        io.fabric8.kubernetes.client.http.WebSocket socket = fabric8.getHttpClient().newWebSocketBuilder().uri(backendsUri(WATCH_LIST))
                .buildAsync(new io.fabric8.kubernetes.client.http.WebSocket.Listener() {
                    @Override
                    public void onMessage(io.fabric8.kubernetes.client.http.WebSocket ws, String text) {
                        lines.add(text);
                        ws.request();
                    }

                    @Override
                    public void onMessage(io.fabric8.kubernetes.client.http.WebSocket ws, java.nio.ByteBuffer bytes) {
                        lines.add(java.nio.charset.StandardCharsets.UTF_8.decode(bytes).toString());
                        ws.request();
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            List<String> seen = new ArrayList<>();
            while (!sequence(seen, lastBefore).contains("BOOKMARK initial-events-end")) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                assertThat(line).as("the events so far: %s", seen).isNotNull();
                seen.add(line.trim());
            }
            send("POST", "", "application/json", backendJson("c", ""));
            while (!sequence(seen, lastBefore).contains("ADDED c")) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                assertThat(line).as("the events so far: %s", seen).isNotNull();
                seen.add(line.trim());
            }
            assertThat(sequence(seen, lastBefore)).as("%s", seen)
                    .containsExactly("ADDED a", "ADDED b", "BOOKMARK initial-events-end", "ADDED c");
        } finally {
            socket.sendClose(1000, "done");
        }
    }

    @Test
    void aPlainHttpWatchListAlsoCarriesAWriteMadeWhileItIsOpen() throws Exception {
        send("POST", "", "application/json", backendJson("a", ""));
        long lastBefore = rv(json(send("POST", "", "application/json", backendJson("b", "")).body()));
        CompletableFuture<HttpResponse<String>> watching = fabric8.getHttpClient().sendAsync(fabric8.getHttpClient().newHttpRequestBuilder()
                .uri(backendsUri(WATCH_LIST + "&timeoutSeconds=3")).build(), String.class);
        Thread.sleep(1000);
        send("POST", "", "application/json", backendJson("c", ""));
        HttpResponse<String> answer = watching.get(30, TimeUnit.SECONDS);
        assertThat(answer.code()).as(answer.body()).isEqualTo(200);
        assertThat(sequence(List.of(answer.body().trim().split("\n")), lastBefore)).as(answer.body())
                .containsExactly("ADDED a", "ADDED b", "BOOKMARK initial-events-end", "ADDED c");
    }

    @Test
    void sendInitialEventsWithoutResourceVersionMatchIsRefused() throws Exception {
        HttpResponse<String> answer = send("GET", "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&timeoutSeconds=1", null, null);
        assertThat(answer.code()).as(answer.body()).isEqualTo(422);
        Map<?, ?> status = json(answer.body());
        assertThat(status.get("reason")).isEqualTo("Invalid");
        assertThat(status.get("message")).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                + " sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    }
}
