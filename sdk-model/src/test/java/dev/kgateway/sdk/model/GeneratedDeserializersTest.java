package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The generated deserializers ({@code XDeserializer}, named by each model type's {@code @JsonDeserialize})
 * read every document exactly as Jackson's reflective path through Immutables' JSON delegate does.
 */
class GeneratedDeserializersTest {

    /** A mapper with none of BackendJson's settings. */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @Test
    void anyMapperReadsThroughTheGeneratedDeserializers() {
        String json = "{\"metadata\":{\"name\":\"x\",\"managedFields\":[{\"manager\":\"kubectl\"}]}}";

        // only the generated ObjectMetaDeserializer reads DecodeOptions: a plain mapper honouring them uses it
        Backend stripped = DecodeOptions.stripManagedFields().applyTo(PLAIN.readerFor(Backend.class)).readValue(json);

        assertThat(stripped.getMetadata().getManagedFields()).isEmpty();
        assertThat(PLAIN.readValue(json, Backend.class).getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .containsExactly("kubectl");
        assertThat(BackendJson.backendDeserializer()).isInstanceOf(BackendDeserializer.class);
    }

    @Test
    void readsEveryUpstreamFixtureBackToItsOwnTree() throws IOException {
        List<String> documents = upstreamDocuments();
        assertThat(documents).hasSizeGreaterThan(3);
        for (String json : documents) {
            Backend generated = BackendJson.jsonMapper().readValue(json, Backend.class);
            assertThat(BackendJson.toTree(generated)).isEqualTo(PLAIN.readTree(json));
        }
    }

    @Test
    void keepsUnknownMembersInDocumentOrderWithNullsAndNestedTrees() {
        String json = "{\"zeta\":1,\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"alpha\":null,\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"x\",\"managedFields\":[{\"manager\":\"kubectl\",\"fieldsV1\":{\"f:spec\":{}}}]},"
                + "\"middle\":{\"a\":[1,2.5,\"s\",true]}}";
        Backend b = BackendJson.fromJson(json);

        assertThat(b.getAdditionalProperties().keySet()).containsExactly("zeta", "alpha", "middle");
        assertThat(b.getAdditionalProperties().get("alpha").isNull()).isTrue();
        assertThat(b.getMetadata().getManagedFields().get(0).getFieldsV1().toJson()).isEqualTo("{\"f:spec\":{}}");
    }

    @Test
    void typedScalarsAreReadWithTheirValues() {
        Backend llm = BackendJson.fromJson("{\"metadata\":{\"name\":\"a\",\"generation\":7},\"spec\":{\"type\":\"AI\","
                + "\"ai\":{\"llm\":{\"host\":\"api.example.com\",\"port\":8443,\"hostOverride\":{\"host\":\"h\",\"port\":9443}}}}}");
        Backend tls = BackendJson.fromJson("{\"spec\":{\"type\":\"DynamicForwardProxy\",\"dynamicForwardProxy\":{\"enableTls\":true}}}");
        Backend plain = BackendJson.fromJson("{\"spec\":{\"type\":\"DynamicForwardProxy\",\"dynamicForwardProxy\":{\"enableTls\":false}}}");

        assertThat(llm.getMetadata().getGeneration()).isEqualTo(7L);
        assertThat(llm.getSpec().getAi().getLlm().getPort()).isEqualTo(8443);
        assertThat(llm.getSpec().getAi().getLlm().getHostOverride().getPort()).isEqualTo(9443);
        assertThat(tls.getSpec().getDynamicForwardProxy().getEnableTls()).isTrue();
        assertThat(plain.getSpec().getDynamicForwardProxy().getEnableTls()).isFalse();
    }

    @Test
    void absentApiVersionAndKindStayAbsent() {
        Backend b = BackendJson.fromJson("{\"metadata\":{\"name\":\"x\"}}");

        assertThat(b.getApiVersion()).isNull();
        assertThat(b.getKind()).isNull();
    }

    @Test
    void jsonNullForADeclaredMemberIsAbsent() {
        Backend b = BackendJson.fromJson("{\"kind\":null,\"metadata\":{\"name\":null,\"labels\":null,\"finalizers\":null},"
                + "\"spec\":{\"static\":null}}");

        assertThat(b.getKind()).isNull();
        assertThat(b.getMetadata().getName()).isNull();
        assertThat(b.getMetadata().getLabels()).isEmpty();
        assertThat(b.getMetadata().getFinalizers()).isEmpty();
        assertThat(b.getSpec().getStaticBackend()).isNull();
    }

    @Test
    void unknownEnumValuesAreKeptAsWritten() {
        Backend b = BackendJson.fromJson("{\"spec\":{\"type\":\"Quantum\"}}");

        assertThat(b.getSpec().getType().value()).isEqualTo("Quantum");
        assertThat(b.getSpec().getType().isKnown()).isFalse();
    }

    @Test
    void nullListElementIsAReadErrorAtTheObjectThatHoldsTheList() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromJson("{\"spec\":{\"static\":{\"hosts\":[null]}}}"));

        assertThat(e.getPath()).isEqualTo("spec.static");
        assertThat(e.getMessage()).contains("null or invalid element");
    }

    @Test
    void wrongTypeInsideAListOfObjectsNamesTheIndexAndMember() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromJson("{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"a\",\"port\":1},{\"host\":\"b\",\"port\":true}]}}}"));

        assertThat(e.getPath()).isEqualTo("spec.static.hosts[1].port");
        assertThat(e.getMessage()).contains("wrong JSON type");
    }

    @Test
    void wrongTypeForAMapValueNamesTheKey() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromJson("{\"metadata\":{\"labels\":{\"app\":7}}}"));

        assertThat(e.getPath()).isEqualTo("metadata.labels.app");
    }

    @Test
    void duplicateMemberIsStillRejected() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromJson("{\"metadata\":{\"name\":\"a\",\"name\":\"b\"}}"));

        assertThat(e.getMessage()).contains("duplicate member name");
        assertThat(e.getPath()).isEqualTo("metadata");
    }

    /** Every upstream fixture document as compact JSON, with its keys in the order the fixture has them. */
    private static List<String> upstreamDocuments() throws IOException {
        List<String> out = new ArrayList<>();
        for (UpstreamFixturesRoundTripTest.Document d : UpstreamFixturesRoundTripTest.allDocuments()) {
            out.add(PLAIN.writeValueAsString(d.tree()));
        }
        return out;
    }
}
