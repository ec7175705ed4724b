package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.json;
import static dev.kgateway.sdk.client.TestBackends.statusJson;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** How the server's errors become the SDK's exceptions (expectations mode). */
@EnableKubernetesMockClient
class ErrorMappingTest {

    private static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + NS + "/backends";
    private static final String OPENAI = BACKENDS + "/openai";

    KubernetesMockServer server;
    KubernetesClient client;

    private KgatewayClient kgw;
    private NamespacedBackendClient backends;

    @BeforeEach
    void setUp() {
        kgw = KgatewayClient.builder().config(client.getConfiguration()).retryPolicy(RetryPolicy.NONE).build();
        backends = kgw.backends().inNamespace(NS);
    }

    @AfterEach
    void tearDown() {
        kgw.close();
    }

    @Test
    void forbiddenListNamesTheVerbTheResourceAndTheNamespace() {
        server.expect().get().withPath(BACKENDS + "?limit=500").andReturn(403, statusJson(403, "Forbidden",
                "backends.gateway.kgateway.dev is forbidden: User \\\"system:serviceaccount:ai:app\\\" cannot list resource"))
                .once();

        assertThatThrownBy(() -> backends.list())
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getVerb()).isEqualTo("list");
                    assertThat(e.getResource()).isEqualTo("backends.gateway.kgateway.dev");
                    assertThat(e.getNamespace()).isEqualTo(NS);
                    assertThat(e.getServerMessage()).contains("cannot list resource");
                })
                .hasMessageContaining("'list'")
                .hasMessageContaining("backends.gateway.kgateway.dev")
                .hasMessageContaining("namespace 'ai'");
    }

    @Test
    void forbiddenListInAnyNamespaceSaysAllNamespaces() {
        server.expect().get().withPath("/apis/gateway.kgateway.dev/v1alpha1/backends?limit=500")
                .andReturn(403, statusJson(403, "Forbidden", "cannot list resource at the cluster scope")).once();

        assertThatThrownBy(() -> kgw.backends().inAnyNamespace().list())
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getVerb()).isEqualTo("list");
                    assertThat(e.getNamespace()).isEmpty();
                })
                .hasMessageContaining("all namespaces");
    }

    @Test
    void forbiddenCreateNamesVerbCreateAndTheBackend() {
        server.expect().post().withPath(BACKENDS + TestBackends.WRITE).andReturn(403, statusJson(403, "Forbidden", "cannot create resource")).once();

        assertThatThrownBy(() -> backends.create(TestBackends.openAiBackend("openai")))
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getVerb()).isEqualTo("create");
                    assertThat(e.getName()).isEqualTo("openai");
                })
                .hasMessageContaining("'create'");
    }

    @Test
    void forbiddenStatusUpdateNamesTheStatusSubresourceAndTheBackend() {
        server.expect().put().withPath(OPENAI + "/status?fieldManager=kgateway-java-sdk").andReturn(403, statusJson(403, "Forbidden", "cannot update")).once();

        assertThatThrownBy(() -> backends.updateStatus(stored(TestBackends.openAiBackend("openai"), NS, "3")))
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getVerb()).isEqualTo("update");
                    assertThat(e.getResource()).isEqualTo("backends.gateway.kgateway.dev/status");
                    assertThat(e.getName()).isEqualTo("openai");
                });
    }

    @Test
    void unauthorizedIsAnAuthorizationErrorWithCode401() {
        server.expect().get().withPath(OPENAI).andReturn(401, statusJson(401, "Unauthorized", "Unauthorized")).once();

        assertThatThrownBy(() -> backends.get("openai"))
                .isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    assertThat(e.getReason()).isEqualTo("Unauthorized");
                    assertThat(e.getVerb()).isEqualTo("get");
                });
    }

    @Test
    void unprocessableCreateBecomesInvalidBackendWithTheServersFieldPaths() {
        String status = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":422,\"reason\":\"Invalid\","
                + "\"message\":\"Backend.gateway.kgateway.dev \\\"openai\\\" is invalid\","
                + "\"details\":{\"name\":\"openai\",\"group\":\"gateway.kgateway.dev\",\"kind\":\"Backend\",\"causes\":["
                + "{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: 70000: must be <= 65535\",\"field\":\"spec.static.hosts[0].port\"},"
                + "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"spec.ai.provider.openai.authToken\"}]}}";
        server.expect().post().withPath(BACKENDS + TestBackends.WRITE).andReturn(422, status).once();

        assertThatThrownBy(() -> backends.create(TestBackends.openAiBackend("openai")))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .extracting(Violation::path, Violation::rule)
                        .containsExactly(
                                tuple("spec.static.hosts[0].port", "FieldValueInvalid"),
                                tuple("spec.ai.provider.openai.authToken", "FieldValueRequired")))
                .hasMessageContaining("openai")
                .hasMessageContaining("is invalid");
    }

    @Test
    void malformedJsonIsAnApiExceptionNamingTheOperationAndTheClientGoesOn() {
        server.expect().get().withPath(OPENAI).andReturn(200, "{\"apiVersion\": \"gateway.kgateway.dev/v1al").once();
        server.expect().get().withPath(OPENAI).andReturn(200, json(stored(TestBackends.openAiBackend("openai"), NS, "3"))).once();

        assertThatThrownBy(() -> backends.get("openai"))
                .isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessageContaining("get backends.gateway.kgateway.dev 'openai' in namespace 'ai'");
        assertThat(backends.get("openai")).isPresent();
    }

    @Test
    void wrongJsonTypesAreAnApiExceptionNamingTheOperation() {
        server.expect().get().withPath(BACKENDS + "?limit=500")
                .andReturn(200, "{\"kind\":\"BackendList\",\"items\":[{\"metadata\":{\"name\":\"x\"},\"spec\":[1,2]}]}").once();

        assertThatThrownBy(() -> backends.list())
                .isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessageContaining("list backends.gateway.kgateway.dev in namespace 'ai'");
    }

    @Test
    void notFoundOnUpdateIsBackendNotFound() {
        server.expect().put().withPath(OPENAI + TestBackends.WRITE).andReturn(404, statusJson(404, "NotFound", "backends \\\"openai\\\" not found")).once();
        Backend stale = stored(TestBackends.openAiBackend("openai"), NS, "3");

        assertThatThrownBy(() -> backends.update(stale))
                .isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
                    assertThat(e.getName()).isEqualTo("openai");
                    assertThat(e.getNamespace()).isEqualTo(NS);
                });
    }

    @Test
    void conflictOnUpdateIsBackendConflictWithTheServersMessage() {
        server.expect().put().withPath(OPENAI + TestBackends.WRITE).andReturn(409, statusJson(409, "Conflict",
                "Operation cannot be fulfilled: the object has been modified")).once();

        assertThatThrownBy(() -> backends.update(stored(TestBackends.openAiBackend("openai"), NS, "3")))
                .isInstanceOfSatisfying(BackendConflictException.class,
                        e -> assertThat(e.getServerMessage()).contains("the object has been modified"));
    }

    @Test
    void otherErrorsKeepTheCodeReasonAndServerMessage() {
        server.expect().get().withPath(OPENAI).andReturn(400, statusJson(400, "BadRequest", "bad selector")).once();

        assertThatThrownBy(() -> backends.get("openai"))
                .isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("bad selector")
                .satisfies(t -> {
                    KgatewayApiException e = (KgatewayApiException) t;
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getReason()).isEqualTo("BadRequest");
                    assertThat(e.getServerMessage()).isEqualTo("bad selector");
                });
    }

    @Test
    void unreachableServerIsAnApiExceptionWithCode0() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (KgatewayClient unreachable = KgatewayClient.builder()
                .config(new ConfigBuilder(client.getConfiguration()).withMasterUrl("http://localhost:" + closedPort).build())
                .retryPolicy(RetryPolicy.NONE).build()) {

            assertThatThrownBy(() -> unreachable.backends().inNamespace(NS).get("openai"))
                    .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isZero())
                    .hasMessageContaining("no answer from the API server");
        }
    }
}
