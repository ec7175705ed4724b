package dev.kgateway.sdk.examples.readme;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.AiProviderType;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;

import java.util.List;

/**
 * The example on the README's first screen, verbatim between the markers: a test keeps the two
 * equal, and an integration test compiles and runs this file in a separate consumer project that
 * depends only on the BOM and {@code kgateway-sdk-client}.
 */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        // README:start
        try (KgatewayClient kgw = KgatewayClient.create()) {   // kubeconfig or in-cluster config
            NamespacedBackendClient ai = kgw.backends().inNamespace("ai");
            ai.create(Backend.builder()
                .metadata(m -> m.name("openai").putLabels("team", "search"))
                .spec(s -> s.type(BackendType.AI)
                    .ai(a -> a.provider(p -> p.type(AiProviderType.OPENAI)
                        .openai(o -> o.authToken(t -> t.secretRef(r -> r.name("openai-key")))))))
                .build());
            Backend gold = ai.edit("openai", b -> b.withMetadata(
                b.getMetadata().toBuilder().putLabels("tier", "gold").build()));
            List<Backend> search = ai.list(ListOptions.withLabel("team", "search"));
            System.out.println(search.size() + " Backend(s); openai is " + gold.getMetadata().getLabels());
            ai.delete("openai");
        }
        // README:end
    }
}
