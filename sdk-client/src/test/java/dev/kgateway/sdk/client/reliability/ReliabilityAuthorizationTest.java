package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A 403 names what was denied: for list, get, create, update and delete (and a list across all
 * namespaces, a watch, and the read an edit starts with), the {@link KgatewayAuthorizationException}
 * carries the verb, the resource ({@code backends.gateway.kgateway.dev}) and the namespace, its
 * message says them, and the request is sent once (a 403 is not retried).
 */
class ReliabilityAuthorizationTest {

    private static final String RESOURCE = "backends.gateway.kgateway.dev";
    private static final String ALL = "/apis/gateway.kgateway.dev/v1alpha1/backends";
    private static final String BASE = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/ai/backends";
    private static final String ITEM = BASE + "/openai";
    private static final Backend BACKEND = BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"openai\",\"resourceVersion\":\"7\"},"
            + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{\"secretRef\":{\"name\":\"k\"}}}}}}}");

    private KubernetesMockServer server;
    private KgatewayClient kgw;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            kgw = KgatewayClient.builder().config(client.getConfiguration()).retryPolicy(RetryPolicy.DEFAULT).build();
        }
    }

    @AfterEach
    void stop() {
        kgw.close();
        server.destroy();
    }

    /** The API server's answer, word for word in its shape. */
    private static String forbidden(String verb, String namespace, String name) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"backends.gateway.kgateway.dev"
                + (name.isEmpty() ? "" : " \\\"" + name + "\\\"") + " is forbidden: User \\\"system:serviceaccount:ai:app\\\" cannot " + verb
                + " resource \\\"backends\\\" in API group \\\"gateway.kgateway.dev\\\""
                + (namespace.isEmpty() ? " at the cluster scope" : " in the namespace \\\"" + namespace + "\\\"") + "\",\"reason\":\"Forbidden\","
                + "\"details\":{" + (name.isEmpty() ? "" : "\"name\":\"" + name + "\",") + "\"group\":\"gateway.kgateway.dev\",\"kind\":\"backends\"},"
                + "\"code\":403}";
    }

    static Stream<Arguments> verbs() {
        return Stream.of(
                Arguments.of("list", "GET", BASE + "?limit=500", "", (ThrowingConsumer<KgatewayClient>) k -> k.backends().inNamespace("ai").list()),
                Arguments.of("get", "GET", ITEM, "openai", (ThrowingConsumer<KgatewayClient>) k -> k.backends().inNamespace("ai").get("openai")),
                Arguments.of("create", "POST", BASE, "openai", (ThrowingConsumer<KgatewayClient>) k -> k.backends().inNamespace("ai").create(BACKEND)),
                Arguments.of("update", "PUT", ITEM, "openai", (ThrowingConsumer<KgatewayClient>) k -> k.backends().inNamespace("ai").update(BACKEND)),
                Arguments.of("delete", "DELETE", ITEM, "openai", (ThrowingConsumer<KgatewayClient>) k -> k.backends().inNamespace("ai").delete("openai")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verbs")
    void forbiddenNamesTheVerbResourceAndNamespace(String verb, String method, String path, String name, ThrowingConsumer<KgatewayClient> call)
            throws Exception {
        expect(method, path, forbidden(verb, "ai", name));

        KgatewayAuthorizationException e = catchThrowableOfType(KgatewayAuthorizationException.class, () -> call.accept(kgw));

        assertThat(e).as(verb).isNotNull();
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(e.getReason()).isEqualTo("Forbidden");
        assertThat(e.getVerb()).isEqualTo(verb);
        assertThat(e.getResource()).isEqualTo(RESOURCE);
        assertThat(e.getNamespace()).isEqualTo("ai");
        assertThat(e.getName()).isEqualTo(name);
        assertThat(e.getMessage())
                .startsWith("forbidden: cannot " + verb + " " + RESOURCE)
                .contains("in namespace 'ai'")
                .contains("grant verb '" + verb + "' on resource '" + RESOURCE + "'");
        String query = method.equals("POST") || method.equals("PUT") ? "?fieldValidation=Strict&fieldManager=kgateway-java-sdk" : "";
        assertThat(received()).as("sent once: a 403 is not retried").containsExactly(method + " " + path + query);
    }

    @Test
    void forbiddenListAcrossAllNamespacesSaysSo() throws Exception {
        server.expect().get().withPath(ALL + "?limit=500").andReturn(403, forbidden("list", "", "")).always();

        KgatewayAuthorizationException e = catchThrowableOfType(KgatewayAuthorizationException.class, () -> kgw.backends().inAnyNamespace().list());

        assertThat(e.getVerb()).isEqualTo("list");
        assertThat(e.getNamespace()).isEmpty();
        assertThat(e.getMessage()).startsWith("forbidden: cannot list " + RESOURCE + " in all namespaces");
        assertThat(received()).hasSize(1);
    }

    @Test
    void forbiddenWatchNamesTheListItStartsWithAndLeavesNoThread() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        java.util.concurrent.atomic.AtomicLong threadsDuringList = new java.util.concurrent.atomic.AtomicLong(-1);
        server.expect().get().withPath(BASE + "?limit=500").andReply(403, request -> {
            // the watch's events thread starts before its first list: it exists while the server answers
            threadsDuringList.set(watchThreadsSince(before));
            return forbidden("list", "ai", "");
        }).always();

        KgatewayAuthorizationException e = catchThrowableOfType(KgatewayAuthorizationException.class,
                () -> kgw.backends().inNamespace("ai").watch(event -> { }));

        assertThat(e.getVerb()).isEqualTo("list");
        assertThat(e.getNamespace()).isEqualTo("ai");
        assertThat(threadsDuringList.get()).as("kgateway-watch threads while the list was refused").isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && watchThreadsSince(before) > 0) {
            Thread.sleep(20);
        }
        assertThat(watchThreadsSince(before)).as("kgateway-watch threads of the failed watch still alive").isZero();
        assertThat(received()).as("sent once: a 403 is not retried").containsExactly("GET " + BASE + "?limit=500");
    }

    @Test
    void forbiddenEditNamesTheReadItStartsWith() throws Exception {
        server.expect().get().withPath(ITEM).andReturn(403, forbidden("get", "ai", "openai")).always();

        KgatewayAuthorizationException e = catchThrowableOfType(KgatewayAuthorizationException.class,
                () -> kgw.backends().inNamespace("ai").edit("openai", b -> b));

        assertThat(e.getVerb()).isEqualTo("get");
        assertThat(e.getName()).isEqualTo("openai");
    }

    private static long watchThreadsSince(java.util.Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t) && t.getName().startsWith("kgateway-watch-")).count();
    }

    private void expect(String method, String path, String body) {
        switch (method) {
            case "POST" -> server.expect().post().withPath(path + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(403, body).always();
            case "PUT" -> server.expect().put().withPath(path + "?fieldValidation=Strict&fieldManager=kgateway-java-sdk").andReturn(403, body).always();
            case "DELETE" -> server.expect().delete().withPath(path).andReturn(403, body).always();
            default -> server.expect().get().withPath(path).andReturn(403, body).always();
        }
    }

    private List<String> received() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r; (r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }
}
