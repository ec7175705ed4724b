package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The typed entry points: model Backends in, violations and stored Backends out; bundled releases by name. */
class BackendApiTest {

    private static final Backend LAMBDA_V24 = BackendJson.fromYaml("""
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: Backend
            metadata: {name: fn, namespace: apps}
            spec:
              type: AWS
              aws:
                lambda: {functionName: hello, accountId: "123456789012"}
            """);

    @Test
    void aMemberTheReleaseLacksIsReportedAsPrunedForAModelBackend() {
        assertThat(KgatewayRelease.V2_3.validator().validate(LAMBDA_V24)).extracting(Violation::path, Violation::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("spec.aws.lambda.accountId", ViolationTypes.PRUNED),
                        org.assertj.core.groups.Tuple.tuple("spec.aws.accountId", ViolationTypes.REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("<nil>", ViolationTypes.INVALID)); // the CEL rules, not checked
        assertThat(KgatewayRelease.V2_4.validator().validate(LAMBDA_V24)).isEmpty();
    }

    @Test
    void validateOrThrowListsEveryViolation() {
        assertThatThrownBy(() -> KgatewayRelease.V2_3.validator().validateOrThrow(LAMBDA_V24))
                .isInstanceOf(InvalidBackendException.class)
                .satisfies(e -> assertThat(((InvalidBackendException) e).getViolations()).hasSize(3))
                .hasMessageContaining("spec.aws.lambda.accountId");
    }

    @Test
    void withDefaultsReturnsTheBackendAsTheServerWouldStoreIt() {
        Backend stored = KgatewayRelease.V2_4.validator().withDefaults(LAMBDA_V24);
        JsonNode aws = BackendJson.toTree(stored).path("spec").path("aws");
        assertThat(aws.path("region").asString()).isEqualTo("us-east-1");
        assertThat(aws.path("lambda").path("invocationMode").asString()).isEqualTo("Sync");
        assertThat(aws.path("lambda").path("payloadTransformMode").asString()).isEqualTo("Envoy");
        assertThat(aws.path("lambda").path("qualifier").asString()).isEqualTo("$LATEST");
        assertThat(aws.path("lambda").path("accountId").asString()).isEqualTo("123456789012");
    }

    @Test
    void withDefaultsOnAnOlderReleaseDropsWhatItWouldPrune() {
        Backend stored = KgatewayRelease.V2_3.validator().withDefaults(LAMBDA_V24);
        assertThat(BackendJson.toTree(stored).path("spec").path("aws").path("lambda").has("accountId")).isFalse();
    }

    @Test
    void anUpdateIsCheckedAgainstTheOldBackend() {
        assertThat(KgatewayRelease.V2_4.validator().validateUpdate(LAMBDA_V24, LAMBDA_V24)).isEmpty();
        // on v2.3 the unchanged aws block is ratcheted (its missing accountId is not reported again), but pruning is
        assertThat(KgatewayRelease.V2_3.validator().validateUpdate(LAMBDA_V24, LAMBDA_V24)).extracting(Violation::path, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.aws.lambda.accountId", ViolationTypes.PRUNED));
    }

    @Test
    void detectFindsTheReleaseOfABundledCrdAndNothingForAPatchedOne() {
        assertThat(KgatewayRelease.detect(KgatewayRelease.V2_2.crd())).contains(KgatewayRelease.V2_2);
        assertThat(KgatewayRelease.detect(KgatewayRelease.MAIN.crd())).contains(KgatewayRelease.V2_4);
        ObjectNode patched = (ObjectNode) KgatewayRelease.V2_3.crd();
        ((ObjectNode) patched.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")).put("description", "patched");
        assertThat(KgatewayRelease.detect(patched)).isEmpty();
    }

    @Test
    void aReleaseValidatorIsBuiltOnceAndCached() {
        assertThat(KgatewayRelease.V2_1.validator()).isSameAs(KgatewayRelease.V2_1.validator());
        assertThat(KgatewayRelease.V2_1.validator().crdName()).isEqualTo("backends.gateway.kgateway.dev");
        assertThat(KgatewayRelease.V2_1.validator().version()).isEqualTo("v1alpha1");
    }

    @Test
    void aCrdInJsonWorksLikeTheSameCrdInYaml() {
        String json = BackendJson.jsonMapper().writeValueAsString(KgatewayRelease.V2_3.crd());
        CrdValidator fromJson = CrdValidator.fromJson(json, "v1alpha1");
        assertThat(fromJson.validate(LAMBDA_V24)).isEqualTo(KgatewayRelease.V2_3.validator().validate(LAMBDA_V24));
    }

    @Test
    void oneValidatorIsSafeToShareBetweenThreads() throws Exception {
        CrdValidator validator = KgatewayRelease.V2_3.validator();
        List<Violation> expected = validator.validate(LAMBDA_V24);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Violation>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> validator.validate(LAMBDA_V24)));
            }
            for (Future<List<Violation>> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void notACrdIsAClearError() {
        assertThatThrownBy(() -> CrdValidator.fromYaml("[1, 2]", "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CustomResourceDefinition");
        assertThatThrownBy(() -> CrdValidator.fromJson("{", "v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a CustomResourceDefinition");
    }
}
