package dev.kgateway.sdk.client;

import dev.kgateway.sdk.embeddedapiserver.BackendFixtures;
import dev.kgateway.sdk.model.AuthToken;
import dev.kgateway.sdk.model.AuthTokenKind;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.BackendSpec;
import dev.kgateway.sdk.model.BackendStatus;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.model.ObjectMeta;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Shared fixtures: one valid Backend factory per backend type, a second valid spec of the same type
 * (for update tests), status values, and the JSON an API server would send for Backends.
 */
final class TestBackends {

    /** The query every create, update and patch of a client the SDK built carries: its field manager (the default in tests). */
    static final String WRITE = "?fieldValidation=Strict&fieldManager=kgateway-java-sdk";

    /** The namespace most tests work in. */
    static final String NS = "ai";

    private TestBackends() {
    }

    /** Every backend type the schema knows, AI once per provider. */
    enum Kind {
        STATIC(TestBackends::staticBackend, s -> s.withStaticBackend(s.getStaticBackend().withHosts(List.of(
                s.getStaticBackend().getHosts().get(0).withPort(9090))))),
        AWS(TestBackends::awsBackend, s -> s.editAws(a -> a.editLambda(l -> l.functionName("checkout-v2")))),
        AI_OPENAI(TestBackends::openAiBackend, s -> s.editAi(ai -> ai.editLlm(l -> l.editOpenai(o -> o.authToken(token("openai-key-rotated")))))),
        AI_AZURE(TestBackends::azureBackend, s -> s.editAi(ai -> ai.editLlm(l -> l.editAzureOpenAi(az -> az.deploymentName("gpt-4o-mini"))))),
        AI_GEMINI(TestBackends::geminiBackend, s -> s.editAi(ai -> ai.editLlm(l -> l.editGemini(g -> g.authToken(token("gemini-key-rotated")))))),
        // Mistral is an OpenAI-format provider at Mistral's host: the other valid AI spec is another model.
        AI_MISTRAL(TestBackends::mistralBackend, s -> s.editAi(ai -> ai.editLlm(l -> l.editOpenai(o -> o.model("mistral-small-latest")))));

        private final java.util.function.Function<String, Backend> factory;
        private final UnaryOperator<BackendSpec> specChange;

        Kind(java.util.function.Function<String, Backend> factory, UnaryOperator<BackendSpec> specChange) {
            this.factory = factory;
            this.specChange = specChange;
        }

        /** @return a valid Backend of this kind, named {@code name}, without namespace */
        Backend backend(String name) {
            return factory.apply(name);
        }

        /** @return a valid spec that differs from {@code spec} (a spec of this kind) */
        BackendSpec changedSpec(BackendSpec spec) {
            BackendSpec changed = specChange.apply(spec);
            if (changed.equals(spec)) {
                throw new AssertionError("fixture bug: the changed spec equals the original");
            }
            return changed;
        }
    }

    /** @return {@link BackendFixtures#staticBackend(String)}: one host, 10.0.0.1:8080 */
    static Backend staticBackend(String name) {
        return BackendFixtures.staticBackend(name);
    }

    /** @return {@link BackendFixtures#awsLambda(String)}: an AWS Lambda that assumes a role (kgateway v2.4 and later) */
    static Backend awsBackend(String name) {
        return BackendFixtures.awsLambda(name);
    }

    /** @return {@link BackendFixtures#openAi(String)}: OpenAI in kgateway v2.1's shape, as every AI Backend below */
    static Backend openAiBackend(String name) {
        return BackendFixtures.openAi(name);
    }

    static Backend azureBackend(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l.azureOpenAi(az -> az.endpoint("my-resource.openai.azure.com")
                        .deploymentName("gpt-4o").apiVersion("2024-02-01").authToken(token("azure-key"))))))
                .build();
    }

    static Backend geminiBackend(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l.gemini(g -> g.model("gemini-1.5-pro").apiVersion("v1beta")
                        .authToken(token("gemini-key"))))))
                .build();
    }

    static Backend mistralBackend(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.AI).ai(ai -> ai.llm(l -> l.openai(o -> o.model("mistral-large-latest").authToken(token("mistral-key")))
                        .host("api.mistral.ai").port(443))))
                .build();
    }

    static AuthToken token(String secretName) {
        return AuthToken.builder().kind(AuthTokenKind.SECRET_REF).secretRef(r -> r.name(secretName)).build();
    }

    /** @return {@link BackendFixtures#invalidStaticBackend(String)}: breaks two schema rules, port above 65535 and an empty host */
    static Backend invalidStaticBackend(String name) {
        return BackendFixtures.invalidStaticBackend(name);
    }

    /** @return {@code backend} with label {@code key=value} added */
    static Backend withLabel(Backend backend, String key, String value) {
        Map<String, String> labels = new HashMap<>(backend.getMetadata().getLabels());
        labels.put(key, value);
        return backend.withMetadata(backend.getMetadata().withLabels(labels));
    }

    /** @return {@code backend} with metadata.namespace set */
    static Backend inNamespace(Backend backend, String namespace) {
        return backend.withMetadata(backend.getMetadata().withNamespace(namespace));
    }

    /** @return a status with one Accepted condition of the given status */
    static BackendStatus acceptedStatus(ConditionStatus status) {
        return BackendStatus.builder()
                .addConditions(c -> c.type("Accepted").status(status).reason("Accepted").message("backend accepted")
                        .lastTransitionTime("2025-01-01T00:00:00Z").observedGeneration(1L))
                .build();
    }

    /** @return the label {@code key} of {@code backend}, or null */
    static String label(Backend backend, String key) {
        return backend.getMetadata().getLabels().get(key);
    }

    /** @return {@code backend} as an API server would store it: namespace, resourceVersion, uid, timestamp set */
    static Backend stored(Backend backend, String namespace, String resourceVersion) {
        ObjectMeta meta = backend.getMetadata().toBuilder()
                .namespace(namespace)
                .resourceVersion(resourceVersion)
                .uid(UUID.nameUUIDFromBytes((namespace + "/" + backend.getMetadata().getName()).getBytes()).toString())
                .creationTimestamp("2025-01-01T00:00:00Z")
                .generation(1L)
                .build();
        return backend.withMetadata(meta);
    }

    /** @return the JSON of one Backend */
    static String json(Backend backend) {
        return BackendJson.toJson(backend);
    }

    /** @return a BackendList page as the API server sends it */
    static String listJson(String resourceVersion, String continueToken, Backend... items) {
        StringBuilder out = new StringBuilder("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"BackendList\",")
                .append("\"metadata\":{\"resourceVersion\":\"").append(resourceVersion).append('"');
        if (continueToken != null) {
            out.append(",\"continue\":\"").append(continueToken).append('"');
        }
        out.append("},\"items\":[");
        for (int i = 0; i < items.length; i++) {
            out.append(i == 0 ? "" : ",").append(json(items[i]));
        }
        return out.append("]}").toString();
    }

    /** @return one watch event line: {@code {"type":..., "object":...}} */
    static String watchEventJson(String type, Backend backend) {
        return "{\"type\":\"" + type + "\",\"object\":" + json(backend) + "}";
    }

    /** @return a {@code Status} object as the API server sends with errors */
    static String statusJson(int code, String reason, String message) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }
}
