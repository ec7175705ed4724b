package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.ApplyOptions;
import dev.kgateway.sdk.client.RetryPolicy;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fabric8 warns once per JVM for each alpha/beta resource it sends a request for, and remembers
 * which it warned about. A client marks Backends ({@code backends-v1alpha1}) as reported before its
 * first request, and nothing else: other unstable resources still get their warning.
 */
class UnstableVersionNoticeTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Boolean> fabric8Reported() throws ReflectiveOperationException {
        Field field = Class.forName(UnstableVersionNotice.FABRIC8_CLASS).getDeclaredField(UnstableVersionNotice.FIELD);
        field.setAccessible(true);
        return (Map<String, Boolean>) field.get(null);
    }

    @Test
    void aNewClientMarksOnlyTheBackendKindAsReported() throws Exception {
        Map<String, Boolean> reported = fabric8Reported();
        reported.remove("backends-v1alpha1");
        Map<String, Boolean> others = new HashMap<>(reported);

        try (KubernetesClient fabric8 = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").build()).build()) {
            new ClientContext(fabric8, RetryPolicy.DEFAULT, true, ApplyOptions.defaults());
        }

        assertThat(reported).containsEntry("backends-v1alpha1", true);
        Map<String, Boolean> afterwards = new HashMap<>(reported);
        afterwards.remove("backends-v1alpha1");
        assertThat(afterwards).as("other resources' notices untouched").isEqualTo(others);
    }
}
