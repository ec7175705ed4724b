package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Installing the Backend CRD carried in the model jar, on a CRUD mock that marks stored CRDs
 * Established as kube-apiserver does (or, scripted, does not).
 */
class CrdInstallTest {

    private static final String CRD_IN_JAR = "META-INF/kgateway-sdk/crds/" + Backend.CRD_NAME + ".yaml";

    private ScriptedApiServer api;
    private KubernetesClient client;
    private KgatewayClient kgw;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer(false);
        client = api.fabric8();
        kgw = KgatewayClient.from(client);
        // a CRD as a GET shows it right after a create, before the API server established it
        kgw.installCrd(false);
        notYetEstablishedJson = notYetEstablished();
        crd().delete();
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    private Resource<CustomResourceDefinition> crd() {
        return client.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME);
    }

    private CustomResourceDefinition crdInJar() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CRD_IN_JAR)) {
            assertThat(in).as(CRD_IN_JAR).isNotNull();
            return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
    }

    /** Changes the installed CRD by hand, as an administrator might. */
    private CustomResourceDefinition editByHand() {
        return crd().edit(c -> {
            java.util.Map<String, String> labels = new java.util.HashMap<>();
            if (c.getMetadata().getLabels() != null) {
                labels.putAll(c.getMetadata().getLabels());
            }
            labels.put("edited", "by-hand");
            c.getMetadata().setLabels(labels);
            c.getSpec().getNames().setShortNames(List.of("kgb"));
            return c;
        });
    }

    @Test
    void installCreatesTheCrdAndReturnsTrue() throws IOException {
        assertThat(crd().get()).isNull();

        assertThat(kgw.installCrd(false)).isTrue();

        assertThat(crd().get().getSpec()).isEqualTo(crdInJar().getSpec());
    }

    @Test
    void installedCrdServesBackendsWithTheStatusSubresource() {
        kgw.installCrd(false);

        CustomResourceDefinition installed = crd().get();
        assertThat(installed.getSpec().getGroup()).isEqualTo(Backend.GROUP);
        assertThat(installed.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(installed.getSpec().getNames().getPlural()).isEqualTo(Backend.PLURAL);
        assertThat(installed.getSpec().getNames().getKind()).isEqualTo(Backend.KIND);
        assertThat(installed.getSpec().getVersions()).singleElement().satisfies((CustomResourceDefinitionVersion v) -> {
            assertThat(v.getName()).isEqualTo(Backend.VERSION);
            assertThat(v.getServed()).isTrue();
            assertThat(v.getStorage()).isTrue();
            assertThat(v.getSubresources()).isNotNull();
            assertThat(v.getSubresources().getStatus()).isNotNull();
        });
    }

    @Test
    void secondInstallReturnsFalseAndLeavesTheCrdUntouched() {
        kgw.installCrd(false);
        CustomResourceDefinition edited = editByHand();

        assertThat(kgw.installCrd(false)).isFalse();

        CustomResourceDefinition after = crd().get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(edited.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getLabels()).containsEntry("edited", "by-hand");
        assertThat(after.getSpec().getNames().getShortNames()).containsExactly("kgb");
    }

    @Test
    void installWithOverwriteReplacesAnExistingCrdAndReturnsTrue() throws IOException {
        kgw.installCrd(false);
        CustomResourceDefinition edited = editByHand();

        assertThat(kgw.installCrd(true)).isTrue();

        CustomResourceDefinition after = crd().get();
        assertThat(after.getMetadata().getResourceVersion()).isNotEqualTo(edited.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getLabels()).doesNotContainKey("edited");
        assertThat(after.getSpec()).isEqualTo(crdInJar().getSpec());
    }

    @Test
    void installWithOverwriteCreatesAMissingCrd() {
        assertThat(kgw.installCrd(true)).isTrue();

        assertThat(crd().get()).isNotNull();
    }

    private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + Backend.CRD_NAME;

    /** The CRD as the server holds it, without its status: what a GET returns before the controller established it. */
    private String notYetEstablished() {
        CustomResourceDefinition stored = crd().get();
        stored.setStatus(null);
        return client.getKubernetesSerialization().asJson(stored);
    }

    @Test
    void installWaitsUntilTheCrdIsEstablished() {
        int getsBefore = api.requests(ScriptedApiServer.Req.call("GET", CRD_PATH)).size();
        // the first three reads after the create show the CRD without conditions, as right after a real create
        api.answer(r -> r.method().equals("GET") && r.path().equals(CRD_PATH) && creates() == 2, 3,
                r -> ScriptedApiServer.json(200, notYetEstablishedJson));

        assertThat(kgw.installCrd(false)).isTrue();

        // one read before the create, three not yet Established, one Established
        assertThat(api.requests(ScriptedApiServer.Req.call("GET", CRD_PATH)).size() - getsBefore).isEqualTo(5);
    }

    private int creates() {
        return api.requests(ScriptedApiServer.Req.call("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions")).size();
    }

    private String notYetEstablishedJson;

    @Test
    void installThatIsNeverEstablishedFailsAfterItsTimeoutSayingSo() {
        api.answer(ScriptedApiServer.Req.call("GET", CRD_PATH), Integer.MAX_VALUE, r -> ScriptedApiServer.json(200, notYetEstablishedJson));

        assertThatThrownBy(() -> kgw.installCrd(CrdInstallOptions.defaults().withEstablishedTimeout(java.time.Duration.ofMillis(300))))
                .isInstanceOf(dev.kgateway.sdk.KgatewayException.class).hasMessageContaining("not Established");
    }

    @Test
    void theLoserOfAnInstallRaceGetsFalse() {
        // another replica creates the CRD between this installer's read and its create
        api.answer(ScriptedApiServer.Req.call("GET", CRD_PATH), 1, r -> ScriptedApiServer.status(404, "NotFound",
                "customresourcedefinitions.apiextensions.k8s.io \\\"" + Backend.CRD_NAME + "\\\" not found"));
        try (KgatewayClient other = KgatewayClient.from(api.fabric8())) {
            other.installCrd(false);
        }

        assertThat(kgw.installCrd(false)).isFalse();
    }

    @Test
    void overwriteRefusesACrdTheSdkDidNotInstall() throws IOException {
        CustomResourceDefinition foreign = crdInJar();
        foreign.getMetadata().setLabels(java.util.Map.of("app.kubernetes.io/managed-by", "Helm"));
        foreign.getSpec().getNames().setShortNames(List.of("kgwbe"));
        client.apiextensions().v1().customResourceDefinitions().resource(foreign).create();

        assertThatThrownBy(() -> kgw.installCrd(true)).isInstanceOf(dev.kgateway.sdk.KgatewayException.class)
                .hasMessageContaining("not installed by the kgateway Java SDK").hasMessageContaining("forceReplaceForeign");

        assertThat(crd().get().getSpec().getNames().getShortNames()).containsExactly("kgwbe");
    }

    @Test
    void forceReplaceForeignReplacesItAndMarksItAsTheSdks() throws IOException {
        CustomResourceDefinition foreign = crdInJar();
        foreign.getSpec().getNames().setShortNames(List.of("kgwbe"));
        client.apiextensions().v1().customResourceDefinitions().resource(foreign).create();

        assertThat(kgw.installCrd(CrdInstallOptions.forceReplaceForeign())).isTrue();

        assertThat(crd().get().getSpec()).isEqualTo(crdInJar().getSpec());
        assertThat(crd().get().getMetadata().getLabels()).containsEntry(CrdInstallOptions.MANAGED_BY_LABEL, CrdInstallOptions.MANAGED_BY);
    }
}
