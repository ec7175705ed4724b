package dev.kgateway.sdk.examples;

import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example runs against the embedded API server, so none of them can rot. */
class ExamplesTest {

    private EmbeddedApiServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void startServer() {
        server = EmbeddedApiServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private KgatewayClient kgw() {
        return server.kgateway();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildExampleDerivesAValidStaticBackendFromAnAiOne() {
        Backend asStatic = BuildBackendExample.run(out);

        assertThat(asStatic.getSpec().getType()).isEqualTo(BackendType.STATIC);
        assertThat(asStatic.getSpec().getStaticBackend().getHosts()).singleElement()
                .satisfies(h -> assertThat(h.getPort()).isEqualTo(8080));
        assertThat(asStatic.validate()).isEmpty();
        assertThat(output()).contains("kind: Backend").contains("host: 10.0.0.7");
    }

    @Test
    void crudExampleFindsTheSearchTeamAndCleansUp() {
        List<String> search = CrudExample.run(kgw(), "crud", out);

        assertThat(search).containsExactly("openai");
        assertThat(kgw().backends().inNamespace("crud").list()).isEmpty();
        assertThat(output()).contains("tier=gold").contains("owner=web-team").contains("deleted again: false");
    }

    @Test
    void watchExampleSeesAddedModifiedDeletedInOrder() {
        List<BackendEvent.Type> types = WatchExample.run(kgw(), "watch", out);

        assertThat(types).containsExactly(BackendEvent.Type.ADDED, BackendEvent.Type.MODIFIED, BackendEvent.Type.DELETED);
    }

    @Test
    void informerExampleCachesBackendsOfEveryNamespace() {
        List<String> cached = InformerCacheExample.run(kgw(), "cache", out);

        assertThat(cached).containsExactly("openai", "payments", "web");
        assertThat(output()).contains("cached in cache: 2, in all namespaces: 3").contains("lookup without a request: AI");
    }

    @Test
    void yamlExampleAppliesEveryDocumentOfTheManifest() {
        List<Backend> applied = YamlExample.run(kgw(), "yaml", out);

        assertThat(applied).extracting(b -> b.getMetadata().getName()).containsExactly("httpbin", "thumbnailer", "mistral");
        assertThat(applied).allSatisfy(b -> assertThat(b.getMetadata().getResourceVersion()).isNotBlank());
        assertThat(kgw().backends().inNamespace("yaml").list()).hasSize(3);
    }

    @Test
    void conflictExampleEndsWithTheRetriedValue() {
        String hint = ConflictHandlingExample.run(kgw(), "conflicts", out);

        assertThat(hint).isEqualTo("3");
        assertThat(output()).contains("stale update refused");
    }

    @Test
    void validationExampleReportsEveryViolationAndSendsNothing() {
        List<Violation> violations = ValidationErrorsExample.run(kgw(), "validation", out);

        assertThat(violations).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("metadata.name", "pattern"),
                org.assertj.core.groups.Tuple.tuple("spec.static.hosts[0].host", "minLength"),
                org.assertj.core.groups.Tuple.tuple("spec.static.hosts[0].port", "maximum"),
                org.assertj.core.groups.Tuple.tuple("spec.ai.provider.azure", "union"),
                org.assertj.core.groups.Tuple.tuple("spec.ai", "union"));
        assertThat(kgw().backends().inNamespace("validation").list()).isEmpty();
    }
}
