package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DecodeOptions#stripManagedFields()} drops what read-only caches never need, and only that. */
class DecodeOptionsTest {

    private static final byte[] SERVED = ("{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{"
            + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"big\\\":true}\\n\",\"team\":\"search\"},"
            + "\"labels\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"label-kept\"},"
            + "\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\",\"fieldsV1\":{\"f:spec\":{\"f:type\":{}}}}],"
            + "\"name\":\"web\",\"resourceVersion\":\"7\",\"zone\":\"kept\"},"
            + "\"spec\":{\"managedFields\":\"not metadata, kept\",\"type\":\"Static\"}}").getBytes(StandardCharsets.UTF_8);

    @Test
    void defaultReadKeepsManagedFieldsAndTheLastAppliedAnnotation() {
        Backend b = BackendJson.fromJson(SERVED);

        assertThat(b.getMetadata().getManagedFields()).singleElement()
                .satisfies(e -> assertThat(e.getFieldsV1()).isEqualTo(RawJson.of("{\"f:spec\":{\"f:type\":{}}}")));
        assertThat(b.getMetadata().getAdditionalProperties()).containsOnlyKeys("zone");
        assertThat(b.getMetadata().getAnnotations()).containsKeys(DecodeOptions.LAST_APPLIED_ANNOTATION, "team");
        assertThat(BackendJson.fromJson(SERVED, DecodeOptions.defaults())).isEqualTo(b);
    }

    @Test
    void stripManagedFieldsDropsExactlyManagedFieldsAndTheLastAppliedAnnotation() {
        Backend full = BackendJson.fromJson(SERVED);
        Backend stripped = BackendJson.fromJson(SERVED, DecodeOptions.stripManagedFields());

        assertThat(stripped.getMetadata().getManagedFields()).isEmpty();
        assertThat(stripped.getMetadata().getAdditionalProperties()).containsOnlyKeys("zone");
        assertThat(stripped.getMetadata().getAnnotations()).containsOnlyKeys("team");
        assertThat(stripped.getMetadata().getLabels()).containsKey(DecodeOptions.LAST_APPLIED_ANNOTATION);
        assertThat(stripped.getSpec().getAdditionalProperties()).containsKey("managedFields");
        ObjectMeta expected = full.getMetadata().toBuilder()
                .annotations(java.util.Map.of("team", "search"))
                .managedFields(java.util.List.of())
                .build();
        assertThat(stripped).isEqualTo(full.withMetadata(expected));
    }

    @Test
    void managedFieldsAloneKeepTheLastAppliedAnnotation() {
        Backend stripped = BackendJson.fromJson(SERVED, DecodeOptions.strip(true, false));

        assertThat(stripped.getMetadata().getAdditionalProperties()).containsOnlyKeys("zone");
        assertThat(stripped.getMetadata().getAnnotations()).containsOnlyKeys(DecodeOptions.LAST_APPLIED_ANNOTATION, "team");
    }

    @Test
    void theLastAppliedAnnotationAloneKeepsManagedFields() {
        Backend stripped = BackendJson.fromJson(SERVED, DecodeOptions.strip(false, true));

        assertThat(stripped.getMetadata().getManagedFields()).isNotEmpty();
        assertThat(stripped.getMetadata().getAdditionalProperties()).containsOnlyKeys("zone");
        assertThat(stripped.getMetadata().getAnnotations()).containsOnlyKeys("team");
    }

    @Test
    void stripFactoryNamesTheSharedOptions() {
        assertThat(DecodeOptions.strip(false, false)).isSameAs(DecodeOptions.defaults());
        assertThat(DecodeOptions.strip(true, true)).isSameAs(DecodeOptions.stripManagedFields());
        assertThat(DecodeOptions.strip(true, false).stripsAnything()).isTrue();
        assertThat(DecodeOptions.defaults().stripsAnything()).isFalse();
    }

    /** How a Kubernetes client's own wrapper type (sdk-client's BackendResource) reads its Backend. */
    record Wrapped(Backend backend) {
    }

    @Test
    void theDeserializerWithOptionsStripsInsideAnotherMappersDeserializerAndLeavesLaterReadsAlone() {
        var strip = BackendJson.backendDeserializer(DecodeOptions.stripManagedFields());
        JsonMapper other = JsonMapper.builder()
                .addModule(new SimpleModule().addDeserializer(Wrapped.class, new tools.jackson.databind.ValueDeserializer<Wrapped>() {
                    @Override
                    public Wrapped deserialize(tools.jackson.core.JsonParser p, tools.jackson.databind.DeserializationContext ctxt) {
                        return new Wrapped(strip.deserialize(p, ctxt));
                    }
                }))
                .build();

        Backend stripped = other.readValue(SERVED, Wrapped.class).backend();
        Backend plain = BackendJson.jsonMapper().readValue(SERVED, Backend.class);

        assertThat(stripped.getMetadata().getManagedFields()).isEmpty();
        assertThat(plain.getMetadata().getManagedFields()).hasSize(1);
    }

    @Test
    void stripManagedFieldsSkipsEntriesItCouldNotReadWithoutFailing() {
        byte[] odd = "{\"metadata\":{\"name\":\"x\",\"managedFields\":[{\"manager\":1,\"fieldsV1\":[[[]]]},7]}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(BackendJson.fromJson(odd, DecodeOptions.stripManagedFields()).getMetadata().getManagedFields()).isEmpty();
    }
}
