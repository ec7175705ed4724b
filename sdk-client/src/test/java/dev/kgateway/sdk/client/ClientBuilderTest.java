package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.validation.KgatewayRelease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client builder and the option values as a caller chains and stores them. No API server: the
 * fabric8 client points at a closed port, so a request that is sent fails at once.
 */
class ClientBuilderTest {

    private static KubernetesClient nowhere() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1/").build()).build();
    }

    @Test
    void everyBuilderSetterReturnsTheSameBuilderForChaining() {
        KgatewayClient.Builder builder = KgatewayClient.builder();

        assertThat(builder.applyOptions(ApplyOptions.fieldManager("ci"))).isSameAs(builder);
        assertThat(builder.crdValidation(CrdValidation.sdkSchema())).isSameAs(builder);
        assertThat(builder.meterRegistry(new SimpleMeterRegistry())).isSameAs(builder);
        assertThat(builder.validateBeforeWrite(true)).isSameAs(builder);
        assertThat(builder.retryPolicy(RetryPolicy.NONE)).isSameAs(builder);
        ListOptions.Builder list = ListOptions.builder();
        assertThat(list.stripLastAppliedAnnotation(true)).isSameAs(list);
        assertThat(list.stripManagedFields(true)).isSameAs(list);
    }

    @Test
    void turningValidationBackOnAfterOffChecksWritesAgainstTheSdkSchema() {
        try (KubernetesClient fabric8 = nowhere();
             KgatewayClient kgw = KgatewayClient.builder().kubernetesClient(fabric8).retryPolicy(RetryPolicy.NONE)
                     .crdValidation(CrdValidation.off()).validateBeforeWrite(true).build()) {

            assertThatThrownBy(() -> kgw.backends().inNamespace("apps").create(TestBackends.invalidStaticBackend("invalid")))
                    .as("refused before any request").isInstanceOf(InvalidBackendException.class);
        }
    }

    @Test
    void turningValidationOffSendsWhatTheSchemaWouldRefuse() {
        try (KubernetesClient fabric8 = nowhere();
             KgatewayClient kgw = KgatewayClient.builder().kubernetesClient(fabric8).retryPolicy(RetryPolicy.NONE)
                     .crdValidation(CrdValidation.release(KgatewayRelease.V2_3)).validateBeforeWrite(false).build()) {

            assertThatThrownBy(() -> kgw.backends().inNamespace("apps").create(TestBackends.invalidStaticBackend("invalid")))
                    .as("sent, and the closed port answers nothing").isInstanceOfSatisfying(KgatewayApiException.class,
                            e -> assertThat(e.getCode()).isZero());
        }
    }

    @Test
    void distinctOptionValuesHaveDistinctHashCodes() {
        assertDistinctHashes(List.of(DeleteOptions.defaults(), DeleteOptions.builder().preconditionUid("u").build(),
                DeleteOptions.builder().propagationPolicy(DeleteOptions.PropagationPolicy.ORPHAN).build()));
        assertDistinctHashes(List.of(ListOptions.all(), ListOptions.withLabel("team", "a"), ListOptions.builder().pageSize(10).build()));
        assertDistinctHashes(List.of(CrdInstallOptions.defaults(), CrdInstallOptions.overwrite(), CrdInstallOptions.forceReplaceForeign()));
        assertDistinctHashes(List.of(CrdValidation.off(), CrdValidation.sdkSchema(), CrdValidation.release(KgatewayRelease.V2_3),
                CrdValidation.release(KgatewayRelease.V2_4)));
    }

    private static void assertDistinctHashes(List<?> values) {
        Set<Integer> hashes = new HashSet<>();
        values.forEach(v -> hashes.add(v.hashCode()));
        assertThat(hashes).as("hash codes of %s", values).hasSameSizeAs(values);
    }
}
