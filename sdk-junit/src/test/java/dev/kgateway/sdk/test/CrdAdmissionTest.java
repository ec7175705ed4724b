package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.BackendModelAdmission;
import dev.kgateway.sdk.client.BackendRejectedException;
import dev.kgateway.sdk.client.FieldValidation;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.generic;
import static dev.kgateway.sdk.test.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default admission prunes, defaults and validates against the installed CRD, here kgateway
 * v2.3's: https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning,
 * #defaulting, #validation-rules.
 */
@KgatewayTest(release = KgatewayRelease.V2_3)
class CrdAdmissionTest {

    KubernetesClient client;
    KgatewayClient kgw;
    KgatewayTestServer server;
    @TestNamespace
    String ns;

    private static final String LAMBDA_WITH_V24_ACCOUNT_ID = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"fn\"},\"spec\":{\"type\":\"AWS\",\"aws\":{\"accountId\":\"123456789012\","
            + "\"lambda\":{\"functionName\":\"hello\",\"accountId\":\"210987654321\"}}}}";

    @Test
    void aV24FieldWrittenToAV23ServerIsPrunedSilently() {
        GenericKubernetesResource created = backends(client).inNamespace(ns).resource(generic(client, LAMBDA_WITH_V24_ACCOUNT_ID)).create();

        assertThat(tree(client, created).at("/spec/aws/lambda").has("accountId")).as("returned").isFalse();
        JsonNode stored = tree(client, backends(client).inNamespace(ns).withName("fn").get());
        assertThat(stored.at("/spec/aws/lambda").has("accountId")).as("stored").isFalse();
        assertThat(stored.at("/spec/aws/lambda/functionName").asString()).isEqualTo("hello");
        assertThat(stored.at("/spec/aws/accountId").asString()).isEqualTo("123456789012");
    }

    @Test
    void theSdkGetsBackTheBackendWithoutThePrunedFieldWhenItWritesWithWarn() {
        Backend sent = BackendJson.fromJson(LAMBDA_WITH_V24_ACCOUNT_ID);
        assertThat(sent.getSpec().getAws().getLambda().getAccountId()).isEqualTo("210987654321");

        try (KgatewayClient warning = server.newKgatewayClient(b -> b.fieldValidation(FieldValidation.WARN))) {
            Backend stored = warning.backends().inNamespace(ns).create(sent);

            assertThat(stored.getSpec().getAws().getLambda().getAccountId()).isNull();
        }
        assertThat(kgw.backends().inNamespace(ns).get("fn")).hasValueSatisfying(
                b -> assertThat(b.getSpec().getAws().getLambda().getAccountId()).isNull());
    }

    /** The SDK writes with {@code fieldValidation=Strict} by default, as kubectl does: kube-apiserver answers 400 and stores nothing. */
    @Test
    void theSdksDefaultStrictWriteOfAFieldTheCrdPrunesIsRefused() {
        assertThatThrownBy(() -> kgw.backends().inNamespace(ns).create(BackendJson.fromJson(LAMBDA_WITH_V24_ACCOUNT_ID)))
                .isInstanceOfSatisfying(BackendRejectedException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getReason()).isEqualTo("BadRequest");
                    assertThat(e.getServerMessage()).isEqualTo("Backend in version \"v1alpha1\" cannot be handled as a Backend:"
                            + " strict decoding error: unknown field \"spec.aws.lambda.accountId\"");
                });
        assertThat(kgw.backends().inNamespace(ns).get("fn")).isEmpty();
    }

    @Test
    void theCrdsDefaultsAreApplied() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"fn\"},"
                + "\"spec\":{\"type\":\"AWS\",\"aws\":{\"accountId\":\"123456789012\",\"lambda\":{\"functionName\":\"hello\"}}}}";

        JsonNode created = tree(client, backends(client).inNamespace(ns).resource(generic(client, json)).create());

        assertThat(created.at("/spec/aws/region").asString()).isEqualTo("us-east-1");
        assertThat(created.at("/spec/aws/lambda/invocationMode").asString()).isEqualTo("Sync");
        assertThat(created.at("/spec/aws/lambda/payloadTransformMode").asString()).isEqualTo("Envoy");
        assertThat(created.at("/spec/aws/lambda/qualifier").asString()).isEqualTo("$LATEST");
        assertThat(tree(client, backends(client).inNamespace(ns).withName("fn").get()).at("/spec/aws/region").asString())
                .isEqualTo("us-east-1");
    }

    @Test
    void aCelRuleViolationIsA422WithTheRulesMessageAndField() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"fn\"},"
                + "\"spec\":{\"type\":\"AWS\",\"aws\":{\"accountId\":\"123456789012\",\"lambda\":{\"functionName\":\"hello\"},"
                + "\"auth\":{\"type\":\"Secret\"}}}}";

        assertThatThrownBy(() -> backends(client).inNamespace(ns).resource(generic(client, json)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Backend.gateway.kgateway.dev \"fn\" is invalid: "
                            + "spec.aws.auth: Invalid value: secretRef must be specified when type is 'Secret'");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(c -> {
                        assertThat(c.getField()).isEqualTo("spec.aws.auth");
                        assertThat(c.getReason()).isEqualTo("FieldValueInvalid");
                        assertThat(c.getMessage()).isEqualTo("Invalid value: secretRef must be specified when type is 'Secret'");
                    });
                });
        assertThat(backends(client).inNamespace(ns).withName("fn").get()).as("nothing stored").isNull();
    }

    /** As kube-apiserver 1.37 answers (sdk-validation's differential suite): the unsupported type blocks the CEL rules. */
    @Test
    void aTypeTheReleaseDoesNotHaveIsRefusedWithEveryCause() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"llm\"},"
                + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{\"kind\":\"Passthrough\"}}}}}}";

        assertThatThrownBy(() -> backends(client).inNamespace(ns).resource(generic(client, json)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getStatus().getMessage()).isEqualTo("Backend.gateway.kgateway.dev \"llm\" is invalid: ["
                            + "spec.type: Unsupported value: \"AI\": supported values: \"AWS\", \"Static\", \"DynamicForwardProxy\", \"GCP\", "
                            + "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]");
                    assertThat(e.getStatus().getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getReason)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.type", "FieldValueNotSupported"),
                                    org.assertj.core.groups.Tuple.tuple("<nil>", "FieldValueInvalid"));
                });
    }

    @Test
    void theSdkReportsTheCrdsViolationsAsInvalidBackendException() {
        Backend ai = BackendJson.fromJson("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"llm\"},"
                + "\"spec\":{\"type\":\"AI\",\"ai\":{\"llm\":{\"openai\":{\"authToken\":{\"kind\":\"Passthrough\"}}}}}}");
        assertThat(ai.validate()).as("valid for the SDK's own schema").isEmpty();

        assertThatThrownBy(() -> kgw.backends().inNamespace(ns).create(ai))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .extracting(Violation::path, Violation::rule)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.type", "FieldValueNotSupported"),
                                org.assertj.core.groups.Tuple.tuple("<nil>", "FieldValueInvalid")));
        assertThat(kgw.backends().inNamespace(ns).get("llm")).isEmpty();
    }

    @Test
    void aReplacedCrdIsUsedFromTheNextWrite() {
        try (KgatewayTestServer own = KgatewayTestServer.builder().release(KgatewayRelease.V2_4).start()) {
            String namespace = own.createNamespace();
            Backend first = own.kgatewayClient().backends().inNamespace(namespace).create(BackendJson.fromJson(LAMBDA_WITH_V24_ACCOUNT_ID));
            assertThat(first.getSpec().getAws().getLambda().getAccountId()).as("declared by v2.4").isEqualTo("210987654321");

            own.installCrd(KgatewayRelease.V2_3);
            try (KgatewayClient warning = own.newKgatewayClient(b -> b.fieldValidation(FieldValidation.WARN))) {
                Backend second = warning.backends().inNamespace(namespace)
                        .create(BackendJson.fromJson(LAMBDA_WITH_V24_ACCOUNT_ID.replace("\"fn\"", "\"fn2\"")));

                assertThat(second.getSpec().getAws().getLambda().getAccountId()).as("pruned by v2.3").isNull();
            }
        }
    }

    @Test
    void theModelAdmissionStaysSelectableAndNeitherPrunesNorDefaults() {
        try (KgatewayTestServer own = KgatewayTestServer.builder().release(KgatewayRelease.V2_3).admission(new BackendModelAdmission()).start()) {
            String namespace = own.createNamespace();
            Backend stored = own.kgatewayClient().backends().inNamespace(namespace).create(BackendJson.fromJson(LAMBDA_WITH_V24_ACCOUNT_ID));

            assertThat(stored.getSpec().getAws().getLambda().getAccountId()).isEqualTo("210987654321");
            assertThat(stored.getSpec().getAws().getRegion()).isNull();
        }
    }
}
