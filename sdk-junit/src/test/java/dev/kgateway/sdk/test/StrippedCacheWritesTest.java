package dev.kgateway.sdk.test;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.DecodeOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.kgateway.sdk.test.Fixtures.backends;
import static dev.kgateway.sdk.test.Fixtures.generic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writing back Backends from a cache that stripped what it does not need, against the test kit's
 * API server (which records {@code managedFields} as kube-apiserver does): without
 * {@code managedFields} an update keeps the stored ones; without kubectl's last-applied annotation
 * the client refuses the update that would remove it.
 */
@KgatewayTest
class StrippedCacheWritesTest {

    private static final String LAST_APPLIED = DecodeOptions.LAST_APPLIED_ANNOTATION;

    KubernetesClient client;
    KgatewayClient kgw;
    @TestNamespace
    String ns;
    NamespacedBackendClient backends;

    @BeforeEach
    void createAsKubectl() {
        backends = kgw.backends().inNamespace(ns);
        String spec = "{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"10.0.0.1\",\"port\":8080}]}}";
        GenericKubernetesResource web = generic(client, "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"web\",\"annotations\":{\"" + LAST_APPLIED + "\":\"{\\\"spec\\\":"
                + spec.replace("\"", "\\\"") + "}\"}},\"spec\":" + spec + "}");
        backends(client).inNamespace(ns).resource(web).create();
    }

    private static boolean hasManagedFields(Backend b) {
        return !b.getMetadata().getManagedFields().isEmpty();
    }

    @Test
    void anUpdateFromACacheWithoutManagedFieldsKeepsTheStoredManagedFieldsAndTheAnnotation() {
        ListOptions lean = ListOptions.builder().stripManagedFields(true).build();
        try (BackendInformer cache = backends.inform(lean, new BackendEventHandler() { }, Duration.ZERO)) {
            assertThat(cache.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            Backend cached = cache.get(ns, "web").orElseThrow();
            assertThat(hasManagedFields(cached)).isFalse();
            assertThat(hasManagedFields(backends.require("web"))).isTrue();

            backends.update(cached.withMetadata(cached.getMetadata().withLabels(Map.of("tier", "gold"))));
        }

        Backend stored = backends.require("web");
        assertThat(stored.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(stored.getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
        assertThat(hasManagedFields(stored)).isTrue();
    }

    @Test
    void anUpdateFromACacheWithoutTheLastAppliedAnnotationIsRefusedAndChangesNothing() {
        ListOptions leaner = ListOptions.builder().stripManagedFields(true).stripLastAppliedAnnotation(true).build();
        try (BackendInformer cache = backends.inform(leaner, new BackendEventHandler() { }, Duration.ZERO)) {
            assertThat(cache.waitUntilSynced(Duration.ofSeconds(10))).isTrue();
            Backend cached = cache.get(ns, "web").orElseThrow();
            assertThat(cached.getMetadata().getAnnotations()).doesNotContainKey(LAST_APPLIED);
            String before = backends.require("web").getMetadata().getResourceVersion();

            assertThatThrownBy(() -> backends.update(cached.withMetadata(cached.getMetadata().withLabels(Map.of("tier", "gold")))))
                    .isInstanceOf(KgatewayException.class)
                    .hasMessageContaining(LAST_APPLIED);
            assertThat(backends.require("web").getMetadata().getResourceVersion()).isEqualTo(before);
        }
    }

    @Test
    void withoutTheGuardTheServerWouldRemoveTheAnnotation() {
        // what the guard prevents, on the same server: a PUT without the annotation removes it (a
        // client that never read without it does not check: the removal may be meant)
        try (KgatewayClient plain = KgatewayClient.from(client)) {
            NamespacedBackendClient web = plain.backends().inNamespace(ns);
            Backend full = web.require("web");
            Map<String, String> others = new java.util.HashMap<>(full.getMetadata().getAnnotations());
            others.remove(LAST_APPLIED);

            Backend updated = web.update(full.withMetadata(full.getMetadata().withAnnotations(others)));

            assertThat(updated.getMetadata().getAnnotations()).doesNotContainKey(LAST_APPLIED);
        }
    }
}
