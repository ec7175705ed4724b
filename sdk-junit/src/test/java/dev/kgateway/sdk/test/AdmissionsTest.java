package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.BackendModelAdmission;
import dev.kgateway.sdk.embeddedapiserver.CrdAdmission;
import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The admissions a test server can be started with besides the default {@link CrdAdmission}. */
class AdmissionsTest {

    private static String collection(String ns) {
        return Fixtures.backendsPath(ns);
    }

    private static final String UNREADABLE_PORT = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"h\",\"port\":\"eighty\"}]}}}";
    private static final String NO_HOST = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"empty\"},\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"port\":80}]}}}";

    @Test
    void acceptAllStoresWhatTheSchemaWouldRefuse() {
        try (KgatewayTestServer lax = KgatewayTestServer.builder().admission(Admission.acceptAll()).start();
             KgatewayTestServer checking = KgatewayTestServer.start()) {
            RawHttp.Answer accepted = RawHttp.send(lax, "POST", collection(lax.createNamespace()), "application/json", NO_HOST);
            RawHttp.Answer refused = RawHttp.send(checking, "POST", collection(checking.createNamespace()), "application/json", NO_HOST);

            assertThat(accepted.code()).isEqualTo(201);
            assertThat(refused.code()).as("the default CrdAdmission").isEqualTo(422);
        }
    }

    @Test
    void theModelAdmissionRefusesABackendItCannotReadNamingTheField() {
        try (KgatewayTestServer server = KgatewayTestServer.builder().admission(new BackendModelAdmission()).start()) {
            String ns = server.createNamespace();

            RawHttp.Answer answer = RawHttp.send(server, "POST", collection(ns), "application/json", UNREADABLE_PORT);

            assertThat(answer.code()).isEqualTo(422);
            JsonNode cause = answer.json().path("details").path("causes").get(0);
            assertThat(cause.path("reason").asString()).isEqualTo(FieldCause.TYPE_INVALID);
            assertThat(cause.path("field").asString()).isEqualTo("spec.static.hosts[0].port");
            assertThat(cause.path("message").asString()).startsWith("Invalid value: ");
        }
    }

    @Test
    void theModelAdmissionReportsAMissingValueAsRequired() {
        try (KgatewayTestServer server = KgatewayTestServer.builder().admission(new BackendModelAdmission()).start()) {
            String ns = server.createNamespace();

            RawHttp.Answer answer = RawHttp.send(server, "POST", collection(ns), "application/json", NO_HOST);

            assertThat(answer.code()).isEqualTo(422);
            assertThat(answer.json().path("details").path("causes").valueStream().map(c -> c.path("field").asString() + " "
                    + c.path("reason").asString() + " " + c.path("message").asString()))
                    .contains("spec.static.hosts[0].host " + FieldCause.REQUIRED + " Required value");
        }
    }
}
