package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.KgatewayRelease;
import dev.kgateway.sdk.validation.ViolationTypes;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code KgatewayClient.builder().crdValidation(..)}: writes checked against the Backend CRD of the
 * cluster or of a kgateway release, on fabric8's CRUD mock server (which prunes nothing itself).
 */
class CrdValidationTest {

    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String NAMESPACE = "apps";
    private static final String BACKENDS = "/apis/gateway.kgateway.dev/v1alpha1/namespaces/" + NAMESPACE + "/backends";

    private ScriptedApiServer api;

    @BeforeEach
    void startServer() {
        api = new ScriptedApiServer();
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    /** A Lambda Backend valid on v2.3 (account on {@code aws}). */
    private static Backend lambda(String name) {
        return BackendJson.fromYaml("""
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata: {name: %s, namespace: apps}
                spec:
                  type: AWS
                  aws:
                    accountId: "123456789012"
                    lambda: {functionName: hello}
                """.formatted(name));
    }

    /** The same with v2.4's {@code aws.lambda.accountId}, a member v2.0 to v2.3 do not declare. */
    private static Backend lambdaWithV24Member(String name) {
        Backend backend = lambda(name);
        return BackendJson.fromYaml(BackendJson.toYaml(backend).replace("functionName: hello", "functionName: hello\n      accountId: \"123456789012\""));
    }

    private void installInCluster(KgatewayRelease release) {
        KubernetesClient fabric8 = api.fabric8();
        CustomResourceDefinition crd = fabric8.getKubernetesSerialization()
                .unmarshal(fabric8.getKubernetesSerialization().asJson(release.crd()), CustomResourceDefinition.class);
        CustomResourceDefinition existing = fabric8.apiextensions().v1().customResourceDefinitions()
                .withName(crd.getMetadata().getName()).get();
        if (existing == null) {
            fabric8.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        } else {
            crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            fabric8.apiextensions().v1().customResourceDefinitions().resource(crd).update();
        }
    }

    /**
     * A client checking writes with {@code validation}; it writes with {@code fieldValidation=Warn}, so
     * a member the cluster's CRD does not declare is pruned by the server (with a warning) instead of
     * refused with the default Strict's 400: these tests are about what the client checks and sends.
     */
    private KgatewayClient client(CrdValidation validation) {
        return api.sdk(b -> b.crdValidation(validation).fieldValidation(FieldValidation.WARN));
    }

    private long backendPosts() {
        return api.requests(Req.call("POST", BACKENDS)).size();
    }

    @Test
    void aMemberTheClustersCrdWouldPruneIsRefusedBeforeSending() {
        installInCluster(KgatewayRelease.V2_3);
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            Backend backend = lambdaWithV24Member("pruned");
            assertThat(backend.validate()).as("valid on the SDK's schema").isEmpty();

            assertThatThrownBy(() -> kgw.backends().inNamespace(NAMESPACE).create(backend))
                    .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                            .extracting(Violation::path, Violation::rule)
                            .contains(org.assertj.core.groups.Tuple.tuple("spec.aws.lambda.accountId", ViolationTypes.PRUNED)))
                    .hasMessageContaining("spec.aws.lambda.accountId");
            assertThat(backendPosts()).as("POSTs of Backends").isZero();
        }
    }

    @Test
    void aBackendValidOnTheClustersCrdIsCreated() {
        installInCluster(KgatewayRelease.V2_3);
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            Backend created = kgw.backends().inNamespace(NAMESPACE).create(lambda("valid"));

            assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
            assertThat(backendPosts()).isEqualTo(1);
        }
    }

    @Test
    void anEditIntroducingAPrunedMemberIsRefusedAndTheStoredBackendStaysAsItWas() {
        installInCluster(KgatewayRelease.V2_3);
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(NAMESPACE);
            Backend stored = backends.create(lambda("edited"));

            assertThatThrownBy(() -> backends.edit("edited", b -> lambdaWithV24Member("edited").withMetadata(b.getMetadata())))
                    .isInstanceOf(InvalidBackendException.class)
                    .hasMessageContaining("spec.aws.lambda.accountId");
            assertThat(api.requests(r -> r.method().equals("PUT") && r.path().startsWith(BACKENDS))).isEmpty();
            assertThat(backends.require("edited").getSpec()).isEqualTo(stored.getSpec());
        }
    }

    @Test
    void anApplySendingAPrunedMemberIsRefused() {
        installInCluster(KgatewayRelease.V2_3);
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            assertThatThrownBy(() -> kgw.backends().inNamespace(NAMESPACE).apply(lambdaWithV24Member("applied")))
                    .isInstanceOf(InvalidBackendException.class)
                    .hasMessageContaining("spec.aws.lambda.accountId");
            assertThat(api.requests(r -> r.method().equals("PATCH"))).isEmpty();
        }
    }

    @Test
    void aTransientFailureOfTheFirstCrdReadIsTriedAgainByALaterWrite() {
        installInCluster(KgatewayRelease.V2_3);
        api.answer(r -> r.method().equals("GET") && r.path().startsWith(CRDS), 1, 503,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"ServiceUnavailable\",\"code\":503,"
                        + "\"message\":\"etcd leader changed\"}");
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(NAMESPACE);
            backends.create(lambdaWithV24Member("while-unreadable"));     // checked against the SDK's schema

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> backends.create(lambdaWithV24Member("once-readable")))
                            .isInstanceOf(InvalidBackendException.class)
                            .hasMessageContaining("spec.aws.lambda.accountId"));
        }
    }

    @Test
    void anUnreadableCrdIsReportedOnceAndWritesFallBackToTheSdkSchema() {
        installInCluster(KgatewayRelease.V2_3);
        api.answer(r -> r.method().equals("GET") && r.path().startsWith(CRDS), 100, 403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                        + "\"message\":\"customresourcedefinitions.apiextensions.k8s.io is forbidden\"}");
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(NAMESPACE);

            // the SDK's schema declares the member: sent (the server would prune it)
            backends.create(lambdaWithV24Member("fallback"));
            // and the SDK's schema still refuses what it does not allow
            assertThatThrownBy(() -> backends.create(TestBackends.invalidStaticBackend("invalid")))
                    .isInstanceOf(InvalidBackendException.class);
        } finally {
            System.setErr(err);
        }
        String warnings = log.toString(StandardCharsets.UTF_8);
        assertThat(warnings.lines().filter(l -> l.contains("WARN") && l.contains("backends.gateway.kgateway.dev")))
                .singleElement().asString()
                .contains("cannot be read (HTTP 403 Forbidden)")
                .contains("SDK's schema");
        assertThat(backendPosts()).isEqualTo(1);
    }

    @Test
    void aCrdReplacedInTheClusterIsUsedByTheNextWrites() {
        installInCluster(KgatewayRelease.V2_4);
        try (KgatewayClient kgw = client(CrdValidation.cluster())) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(NAMESPACE);
            backends.create(lambdaWithV24Member("on-v24"));

            installInCluster(KgatewayRelease.V2_3);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> backends.create(lambdaWithV24Member("on-v23")))
                            .isInstanceOf(InvalidBackendException.class)
                            .hasMessageContaining("spec.aws.lambda.accountId"));
            assertThat(backends.get("on-v23")).isEmpty();
        }
    }

    @Test
    void aReleaseIsCheckedWithoutAnyRequestToTheCluster() {
        try (KgatewayClient kgw = client(CrdValidation.release(KgatewayRelease.V2_0))) {
            assertThatThrownBy(() -> kgw.backends().inNamespace(NAMESPACE).create(lambdaWithV24Member("v20")))
                    .isInstanceOf(InvalidBackendException.class)
                    .hasMessageContaining("spec.aws.lambda.accountId");
            assertThat(api.requests()).isEmpty();
        }
    }

    @Test
    void theSdkSchemaIsTheDefault() {
        installInCluster(KgatewayRelease.V2_3);
        int before = api.requests().size();
        try (KgatewayClient kgw = api.sdk(b -> b.fieldValidation(FieldValidation.WARN))) {
            kgw.backends().inNamespace(NAMESPACE).create(lambdaWithV24Member("default"));

            assertThat(api.requests().subList(before, api.requests().size())).extracting(Req::path).containsExactly(BACKENDS);
        }
    }
}
