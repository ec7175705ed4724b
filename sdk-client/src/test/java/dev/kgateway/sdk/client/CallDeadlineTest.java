package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.json;
import static dev.kgateway.sdk.client.TestBackends.listJson;
import static dev.kgateway.sdk.client.TestBackends.statusJson;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The call deadline of the retry policy (expectations mode): no retry starts after it, for one
 * request's retries and for an edit's conflict rounds. The real server cannot be made to fail on
 * every request for seconds, so this runs on fabric8's mock.
 */
@EnableKubernetesMockClient
class CallDeadlineTest {

    private static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + NS + "/backends";

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<KgatewayClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(KgatewayClient::close);
    }

    private NamespacedBackendClient backends(RetryPolicy policy) {
        // no checks before writes: their first, cold run would take much of the deadline
        KgatewayClient kgw = KgatewayClient.builder().config(client.getConfiguration()).retryPolicy(policy).validateBeforeWrite(false).build();
        clients.add(kgw);
        return kgw.backends().inNamespace(NS);
    }

    /**
     * @return a client that has already made one request: a cold client's first request (connection,
     *         class loading) can take much of a 3 s deadline on a loaded machine
     */
    private NamespacedBackendClient warmed(RetryPolicy policy) {
        server.expect().get().withPath(BACKENDS + "/warm").andReturn(200, json(stored(TestBackends.staticBackend("warm"), NS, "1"))).once();
        NamespacedBackendClient backends = backends(policy);
        assertThat(backends.get("warm")).isPresent();
        return backends;
    }

    private List<RecordedRequest> requests(String path) throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            if (r.getPath().startsWith(path)) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void noRetryStartsAfterTheCallDeadline() throws Exception {
        server.expect().get().withPath(BACKENDS + "/slow").andReturn(503, statusJson(503, "ServiceUnavailable", "overloaded")).always();
        RetryPolicy patientButBounded = new RetryPolicy(1000, 30, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(3));

        NamespacedBackendClient backends = warmed(patientButBounded);
        long start = System.nanoTime();
        assertThatThrownBy(() -> backends.get("slow"))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(503));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(requests(BACKENDS + "/slow").size()).as("at most one attempt per shortest delay (100 ms) in 3 s").isBetween(3, 31);
    }

    @Test
    void anEditStopsItsConflictRoundsAtTheCallDeadline() throws Exception {
        Backend stored = stored(TestBackends.openAiBackend("contended"), NS, "9");
        server.expect().get().withPath(BACKENDS + "/contended").andReturn(200, json(stored)).always();
        server.expect().put().withPath(BACKENDS + "/contended" + TestBackends.WRITE).andReturn(409, statusJson(409, "Conflict", "the object has been modified")).always();
        RetryPolicy bounded = new RetryPolicy(4, 1000, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(3));

        NamespacedBackendClient backends = warmed(bounded);
        long start = System.nanoTime();
        assertThatThrownBy(() -> backends.edit("contended", b -> TestBackends.withLabel(b, "tier", "gold")))
                .isInstanceOf(BackendConflictException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        List<RecordedRequest> seen = requests(BACKENDS + "/contended");
        assertThat(seen.stream().filter(r -> r.getMethod().equals("PUT")).count()).as(seen.stream().map(r -> r.getMethod() + " " + r.getPath()).toList().toString()).isBetween(3L, 31L);
    }
}
