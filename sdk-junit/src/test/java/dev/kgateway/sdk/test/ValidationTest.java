package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.AdmissionResult;
import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.InvalidBackendException;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.generic;
import static dev.kgateway.sdk.test.Fixtures.genericStatic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation through the admission hook: https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation */
@KgatewayTest
class ValidationTest {

    KubernetesClient client;
    KgatewayTestServer server;
    @TestNamespace
    String ns;

    @Test
    void anUnsupportedTypeIsA422WithTheFieldPathInTheCauses() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"type\":\"Azure\"}}";

        assertThatThrownBy(() -> backends(client).inNamespace(ns).resource(generic(client, json)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Backend.gateway.kgateway.dev \"x\" is invalid: ["
                            + "spec.type: Unsupported value: \"Azure\": supported values: \"Static\", \"AWS\", \"AI\", \"DynamicForwardProxy\", "
                            + "\"MCP\", \"GCP\", \"PriorityGroups\", "
                            + "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]");
                    StatusCause cause = e.getStatus().getDetails().getCauses().get(0);
                    assertThat(cause.getField()).isEqualTo("spec.type");
                    assertThat(cause.getReason()).isEqualTo("FieldValueNotSupported");
                    assertThat(e.getStatus().getDetails().getKind()).isEqualTo("Backend");
                    assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("gateway.kgateway.dev");
                });
        assertThat(backends(client).inNamespace(ns).withName("x").get()).as("nothing stored").isNull();
    }

    @Test
    void severalBrokenRulesAreListedInOneMessage() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"\",\"port\":70000}]}}}";

        assertThatThrownBy(() -> backends(client).inNamespace(ns).resource(generic(client, json)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getStatus().getMessage()).startsWith("Backend.gateway.kgateway.dev \"x\" is invalid: [");
                    assertThat(e.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                            .contains("spec.static.hosts[0].port", "spec.static.hosts[0].host");
                });
    }

    @Test
    void theSdkSeesTheServersCausesAsViolationsWhenItDoesNotValidateFirst() {
        try (KgatewayClient unchecked = server.newKgatewayClient(b -> b.validateBeforeWrite(false))) {
            Backend broken = Fixtures.staticBackend("web", "10.0.0.1", 70000);

            assertThatThrownBy(() -> unchecked.backends().inNamespace(ns).create(broken))
                    .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                            .anySatisfy(v -> assertThat(v.path()).isEqualTo("spec.static.hosts[0].port")));
        }
    }

    @Test
    void aRefusedUpdateLeavesTheStoredObjectAsItWas() {
        backends(client).inNamespace(ns).resource(genericStatic(client, "web", "10.0.0.1", 8080)).create();
        String rv = backends(client).inNamespace(ns).withName("web").get().getMetadata().getResourceVersion();

        assertThatThrownBy(() -> backends(client).inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":0}]}}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        assertThat(backends(client).inNamespace(ns).withName("web").get().getMetadata().getResourceVersion()).isEqualTo(rv);
    }

    @Test
    void aPluggedAdmissionCanDefaultAndDeny() {
        Admission defaulting = request -> {
            if (request.object().path("metadata").path("name").asString().startsWith("bad")) {
                return AdmissionResult.deny(new FieldCause("metadata.name", FieldCause.INVALID, "Invalid value: \"bad\": not allowed here"));
            }
            request.object().withObject("/metadata").withObject("/labels").put("defaulted", "yes");
            return AdmissionResult.allow(request.object());
        };
        try (KgatewayTestServer custom = KgatewayTestServer.builder().admission(defaulting).start()) {
            String namespace = custom.createNamespace();
            Backend stored = custom.kgatewayClient().backends().inNamespace(namespace).create(Fixtures.staticBackend("good"));

            assertThat(stored.getMetadata().getLabels()).containsEntry("defaulted", "yes");
            assertThatThrownBy(() -> custom.kgatewayClient().backends().inNamespace(namespace).create(Fixtures.staticBackend("bad")))
                    .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getMessage())
                            .contains("Backend.gateway.kgateway.dev \"bad\" is invalid: metadata.name: Invalid value: \"bad\": not allowed here"));
        }
    }

    @Test
    void theStatusSubresourceChecksStatusRulesOnly() {
        Backend created = server.kgatewayClient().backends().inNamespace(ns).create(Fixtures.staticBackend("web"));
        assertThat(created.getSpec().getType()).isEqualTo(BackendType.STATIC);
        String badStatus = "{\"status\":{\"conditions\":[{\"type\":\"Accepted\",\"status\":\"Maybe\",\"reason\":\"r\",\"message\":\"m\","
                + "\"lastTransitionTime\":\"2025-01-01T00:00:00Z\"}]}}";

        assertThatThrownBy(() -> backends(client).inNamespace(ns).withName("web").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), badStatus))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getDetails().getCauses())
                        .extracting(StatusCause::getField).containsExactly("status.conditions[0].status", "<nil>"));
    }
}
