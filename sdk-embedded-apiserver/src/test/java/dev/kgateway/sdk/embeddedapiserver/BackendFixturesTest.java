package dev.kgateway.sdk.embeddedapiserver;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.Violation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The published fixtures are what they promise: valid for the model and for a server with the SDK's CRD, but the invalid one. */
class BackendFixturesTest {

    private static EmbeddedApiServer server;
    private static String namespace;

    @BeforeAll
    static void start() {
        server = EmbeddedApiServer.start();
        namespace = server.createNamespace();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Backend> validFixtures() {
        return Stream.concat(
                Stream.of(BackendFixtures.staticBackend("web"), BackendFixtures.staticBackend("api", "api.shop.svc", 443),
                        BackendFixtures.awsLambda("checkout"), BackendFixtures.openAi("chat")),
                BackendFixtures.everyKind().stream());
    }

    /** Creates {@code backend} in the test's namespace with fabric8's untyped client, as JSON. */
    private static GenericKubernetesResource create(Backend backend) {
        GenericKubernetesResource resource = server.kubernetesClient().getKubernetesSerialization()
                .unmarshal(BackendJson.toJson(backend), GenericKubernetesResource.class);
        return server.kubernetesClient().genericKubernetesResources(Backend.API_VERSION, Backend.KIND)
                .inNamespace(namespace).resource(resource).create();
    }

    private static Backend decode(GenericKubernetesResource stored) {
        return BackendJson.fromJson(server.kubernetesClient().getKubernetesSerialization().asJson(stored));
    }

    @ParameterizedTest
    @MethodSource("validFixtures")
    void aValidFixtureHasNoViolationAndIsStoredAsItIsByTheServer(Backend fixture) {
        assertThat(fixture.validate()).isEmpty();
        assertThat(fixture.getMetadata().getNamespace()).as("the namespace is the writer's").isNull();

        Backend stored = decode(create(fixture));

        assertThat(stored.getMetadata().getName()).isEqualTo(fixture.getMetadata().getName());
        assertThat(stored.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(stored.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(stored.getSpec()).as("neither pruned nor defaulted").isEqualTo(fixture.getSpec());
    }

    @Test
    void theValidFixturesAreOneOfEachKindWithTheNameGiven() {
        assertThat(BackendFixtures.staticBackend("web").getSpec().getType()).isEqualTo(BackendType.STATIC);
        assertThat(BackendFixtures.staticBackend("web").getSpec().getStaticBackend().getHosts())
                .singleElement().satisfies(h -> {
                    assertThat(h.getHost()).isEqualTo(BackendFixtures.STATIC_HOST);
                    assertThat(h.getPort()).isEqualTo(BackendFixtures.STATIC_PORT);
                });
        assertThat(BackendFixtures.staticBackend("api", "api.shop.svc", 443).getSpec().getStaticBackend().getHosts())
                .singleElement().satisfies(h -> {
                    assertThat(h.getHost()).isEqualTo("api.shop.svc");
                    assertThat(h.getPort()).isEqualTo(443);
                });
        assertThat(BackendFixtures.awsLambda("checkout").getSpec().getType()).isEqualTo(BackendType.AWS);
        assertThat(BackendFixtures.awsLambda("checkout").getSpec().getAws().getLambda().getFunctionName()).isEqualTo("checkout");
        assertThat(BackendFixtures.openAi("chat").getSpec().getType()).isEqualTo(BackendType.AI);
        assertThat(BackendFixtures.openAi("chat").getSpec().getAi().getLlm().getOpenai().getModel()).isEqualTo("gpt-4o");
        assertThat(BackendFixtures.everyKind()).extracting(b -> b.getMetadata().getName(), b -> b.getSpec().getType())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("static", BackendType.STATIC),
                        org.assertj.core.groups.Tuple.tuple("lambda", BackendType.AWS),
                        org.assertj.core.groups.Tuple.tuple("openai", BackendType.AI));
    }

    @Test
    void everyCallBuildsAnEqualBackend() {
        assertThat(BackendFixtures.openAi("chat")).isEqualTo(BackendFixtures.openAi("chat"))
                .isNotEqualTo(BackendFixtures.openAi("other"));
    }

    @Test
    void theInvalidFixtureBreaksTheHostAndThePortRulesForTheModel() {
        List<Violation> violations = BackendFixtures.invalidStaticBackend("bad").validate();

        assertThat(violations).extracting(Violation::path)
                .containsExactlyInAnyOrder("spec.static.hosts[0].host", "spec.static.hosts[0].port");
    }

    @Test
    void theInvalidFixtureIsRefusedByTheServerWithA422NamingBothFieldsAndNothingIsStored() {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
                () -> create(BackendFixtures.invalidStaticBackend("bad")));

        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                .contains("spec.static.hosts[0].host", "spec.static.hosts[0].port");
        assertThat(server.kubernetesClient().genericKubernetesResources(Backend.API_VERSION, Backend.KIND)
                .inNamespace(namespace).withName("bad").get()).isNull();
    }
}
