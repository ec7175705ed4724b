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
import java.util.Map;
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
}
