package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code toString()} never prints the values of members the schema does not describe: they may hold secrets. */
class RedactionTest {

    private static final String SENTINEL = "sk-SENTINEL-4f1c9a";

    private static final String JSON = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
            + "\"metadata\":{\"name\":\"openai\",\"namespace\":\"ai\"},"
            + "\"spec\":{\"type\":\"AI\",\"ai\":{\"provider\":{\"type\":\"openai\",\"openai\":{\"authToken\":{"
            + "\"inline\":\"" + SENTINEL + "\",\"secretRef\":{\"name\":\"openai-key\",\"namespace\":\"secrets\"}}}}}}}";

    @Test
    void toStringOfBackendNeverShowsAnUnknownMembersValue() {
        Backend backend = BackendJson.fromJson(JSON);

        assertThat(backend.toString()).doesNotContain(SENTINEL);
    }

    @Test
    void toStringRedactsTheInlineToken() {
        Backend backend = BackendJson.fromJson(JSON);
        AuthToken token = backend.getSpec().getAi().getProvider().getOpenai().getAuthToken();

        assertThat(token.getInline()).isEqualTo(SENTINEL);
        assertThat(token.toString()).contains("inline=<redacted>").doesNotContain(SENTINEL);
        assertThat(backend.toString()).contains("inline=<redacted>");
    }

    @Test
    void toStringShowsTheUnknownMembersName() {
        Backend backend = BackendJson.fromJson(JSON.replace("\"inline\"", "\"apiKey\""));
        AuthToken token = backend.getSpec().getAi().getProvider().getOpenai().getAuthToken();

        assertThat(token.getAdditionalProperties().get("apiKey").asString()).isEqualTo(SENTINEL);
        assertThat(token.toString()).contains("unknownMembers=[apiKey]").doesNotContain(SENTINEL);
        assertThat(backend.toString()).contains("unknownMembers=[apiKey]");
    }

    @Test
    void toStringShowsSecretReferenceNames() {
        Backend backend = BackendJson.fromJson(JSON);

        assertThat(backend.toString()).contains("name=openai-key").contains("namespace=secrets");
    }

    @Test
    void toStringShowsKnownMembersAndTheirTypes() {
        Backend backend = BackendJson.fromJson(JSON);

        assertThat(backend.toString())
                .startsWith("Backend{apiVersion=gateway.kgateway.dev/v1alpha1, kind=Backend, metadata=ObjectMeta{name=openai, namespace=ai}")
                .contains("type=AI").contains("type=openai");
    }

    @Test
    void toStringOfNestedUnknownObjectsShowsNoValuesAtAnyDepth() {
        Backend backend = BackendJson.fromJson("{\"metadata\":{\"name\":\"x\",\"managedFields\":[{\"secret\":\"" + SENTINEL + "\",\"fieldsV1\":{\"f:" + SENTINEL + "\":{}}}]},"
                + "\"spec\":{\"aws\":{\"auth\":{\"token\":\"" + SENTINEL + "\"}}},\"data\":{\"key\":\"" + SENTINEL + "\"}}");

        assertThat(backend.toString()).doesNotContain(SENTINEL).contains("[secret]", "[token]", "[data]");
    }

    @Test
    void toStringShowsOnlyTheNamesOfFreeFormAnnotations() {
        // kubectl apply stores the whole manifest, unknown members included, in this annotation.
        String lastApplied = JSON.replace("\"", "\\\"");
        Backend backend = BackendJson.fromJson(JSON.replace("\"namespace\":\"ai\"}",
                "\"namespace\":\"ai\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"" + lastApplied + "\"}}"));

        assertThat(backend.getMetadata().getAnnotations().values()).singleElement().asString().contains(SENTINEL);
        assertThat(backend.toString()).doesNotContain(SENTINEL).contains("annotations=[kubectl.kubernetes.io/last-applied-configuration]");
    }

    @Test
    void toStringShowsLabelValuesWhichTheSchemaConstrains() {
        Backend backend = BackendJson.fromJson(JSON.replace("\"namespace\":\"ai\"}", "\"namespace\":\"ai\",\"labels\":{\"team\":\"search\"}}"));

        assertThat(backend.toString()).contains("labels={team=search}");
    }

    @Test
    void readErrorAndViolationMessagesOfTheSameDocumentDoNotLeakTheUnknownMember() {
        Backend backend = BackendJson.fromJson(JSON.replace("\"openai-key\"", "\"Bad_Key\""));

        assertThat(backend.validate()).extracting(Violation::toString).noneMatch(s -> s.contains(SENTINEL));
    }

    @Test
    void writingKeepsTheUnknownMemberForTheServer() {
        Backend backend = BackendJson.fromJson(JSON);

        assertThat(BackendJson.toTree(backend)).isEqualTo(BackendJson.jsonMapper().readTree(JSON));
        assertThat(BackendJson.toJson(backend)).contains("\"inline\":\"" + SENTINEL + "\"");
    }
}
