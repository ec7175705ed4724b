package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A 403 names what was denied: for list, get, create, update and delete (and a list across all
 * namespaces, a watch, and the read an edit starts with), the {@link KgatewayAuthorizationException}
 * carries the verb, the resource ({@code backends.gateway.kgateway.dev}) and the namespace, its
 * message says them, and the request is sent once (a 403 is not retried). The 403s are scripted
 * answers of the embedded API server ({@link ReliabilityCluster#answerNext}), in kube-apiserver's
 * words: it has no authorization of its own.
 */
class ReliabilityAuthorizationTest {

    private static final String RESOURCE = "backends.gateway.kgateway.dev";
    private static final String ALL = "/apis/gateway.kgateway.dev/v1alpha1/backends";
    private static final String BASE = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/ai/backends";
    private static final String ITEM = BASE + "/openai";
    private static final Backend BACKEND = BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"openai\",\"resourceVersion\":\"7\"},"
            + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{\"secretRef\":{\"name\":\"k\"}}}}}}}");

    /** More than any client here sends: "always". */
    private static final int ALWAYS = 50;

    private ReliabilityCluster cluster;
    private KgatewayClient kgw;

    @BeforeEach
    void start() {
        cluster = new ReliabilityCluster("ai");
        kgw = KgatewayClient.builder().config(cluster.directConfig()).retryPolicy(RetryPolicy.DEFAULT).build();
    }

    @AfterEach
    void stop() {
        kgw.close();
        cluster.close();
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
                Arguments.of("list", "GET", BASE, "", (ThrowingConsumer<KgatewayClient>) k -> k.backends().inNamespace("ai").list()),
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
        assertThat(received()).as("sent once: a 403 is not retried").containsExactly(method + " " + path);
    }

    @Test
    void forbiddenListAcrossAllNamespacesSaysSo() throws Exception {
        cluster.answerNext(ALWAYS, call("GET", ALL), 403, forbidden("list", "", ""));

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
        cluster.answerNext(ALWAYS, call("GET", BASE), request -> {
            // the watch's events thread starts before its first list: it exists while the server answers
            threadsDuringList.set(watchThreadsSince(before));
            return ReliabilityCluster.json(403, forbidden("list", "ai", ""));
        });

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
        assertThat(received()).as("sent once: a 403 is not retried").containsExactly("GET " + BASE);
    }

    @Test
    void forbiddenEditNamesTheReadItStartsWith() throws Exception {
        cluster.answerNext(ALWAYS, call("GET", ITEM), 403, forbidden("get", "ai", "openai"));

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
        cluster.answerNext(ALWAYS, call(method, path), 403, body);
    }

    private static Predicate<RecordedCall> call(String method, String path) {
        return c -> c.method().equals(method) && c.path().equals(path) && !c.isWatch();
    }

    /** @return the requests the server received, as "METHOD path" (without the query) */
    private List<String> received() {
        return cluster.received();
    }
}
