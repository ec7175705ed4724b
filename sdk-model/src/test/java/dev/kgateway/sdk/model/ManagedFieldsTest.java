package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metadata.managedFields} as the API server writes it: typed entries, {@code fieldsV1} kept as compact text. */
class ManagedFieldsTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private static final String APPLIED = "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app.kubernetes.io/name\":{}}},"
            + "\"f:spec\":{\".\":{},\"f:static\":{\".\":{},\"f:hosts\":{}},\"f:type\":{}}}";
    private static final String STATUS = "{\"f:status\":{\".\":{},\"f:conditions\":{\".\":{},"
            + "\"k:{\\\"type\\\":\\\"Accepted\\\"}\":{\".\":{},\"f:status\":{},\"f:type\":{}}}}}";
    private static final String SERVED = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{"
            + "\"managedFields\":[{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":" + APPLIED
            + ",\"manager\":\"kubectl\",\"operation\":\"Apply\",\"time\":\"2025-01-18T13:48:19Z\"},"
            + "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":" + STATUS
            + ",\"manager\":\"kgateway\",\"operation\":\"Update\",\"subresource\":\"status\",\"time\":\"2025-04-02T01:02:03Z\","
            + "\"futureMember\":{\"x\":[1,2]}}],"
            + "\"name\":\"web\"},\"spec\":{\"static\":{\"hosts\":[{\"host\":\"10.0.0.7\",\"port\":8080}]},\"type\":\"Static\"}}";

    @Test
    void readsEachEntryTyped() {
        ObjectMeta meta = BackendJson.fromJson(SERVED).getMetadata();

        assertThat(meta.getManagedFields()).hasSize(2);
        ManagedFieldsEntry status = meta.getManagedFields().get(1);
        assertThat(status.getManager()).isEqualTo("kgateway");
        assertThat(status.getOperation()).isEqualTo("Update");
        assertThat(status.getApiVersion()).isEqualTo("gateway.kgateway.dev/v1alpha1");
        assertThat(status.getTime()).isEqualTo("2025-04-02T01:02:03Z");
        assertThat(status.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(status.getSubresource()).isEqualTo("status");
        assertThat(status.getFieldsV1().asTree()).isEqualTo(PLAIN.readTree(STATUS));
        assertThat(meta.getAdditionalProperties()).isEmpty();
    }

    @Test
    void writesFieldsV1BackByteForByte() {
        Backend b = BackendJson.fromJson(SERVED);
        String written = BackendJson.toJson(b);

        assertThat(written).contains("\"fieldsV1\":" + APPLIED + "}").contains("\"fieldsV1\":" + STATUS + ",");
        assertThat(b.getMetadata().getManagedFields().get(0).getFieldsV1().toJson().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(APPLIED.getBytes(StandardCharsets.UTF_8));
        assertThat(PLAIN.readTree(written)).isEqualTo(PLAIN.readTree(SERVED));
        assertThat(BackendJson.fromJson(written)).isEqualTo(b);
    }

    @Test
    void keepsUnknownMembersOfAnEntry() {
        ManagedFieldsEntry status = BackendJson.fromJson(SERVED).getMetadata().getManagedFields().get(1);

        assertThat(status.getAdditionalProperties()).containsOnlyKeys("futureMember");
        assertThat(BackendJson.toJson(BackendJson.fromJson(SERVED))).contains("\"futureMember\":{\"x\":[1,2]}");
    }

    @Test
    void yamlAndPrettyJsonRoundTripToTheSameBackend() {
        Backend b = BackendJson.fromJson(SERVED);

        assertThat(BackendJson.fromYaml(BackendJson.toYaml(b))).isEqualTo(b);
        assertThat(BackendJson.fromJson(BackendJson.toPrettyJson(b))).isEqualTo(b);
        assertThat(BackendJson.fromTree(BackendJson.toTree(b))).isEqualTo(b);
    }

    @Test
    void buildsEntriesInCode() {
        ObjectMeta meta = ObjectMeta.builder().name("web")
                .addManagedFields(ManagedFieldsEntry.builder().manager("me").operation("Apply")
                        .fieldsType("FieldsV1").fieldsV1(RawJson.of("{\"f:spec\":{}}")).build())
                .build();

        assertThat(BackendJson.jsonMapper().writeValueAsString(meta))
                .isEqualTo("{\"name\":\"web\",\"managedFields\":[{\"manager\":\"me\",\"operation\":\"Apply\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:spec\":{}}}]}");
    }

    @Test
    void aWrongTypeInsideAnEntryNamesItsPath() {
        String bad = "{\"metadata\":{\"name\":\"x\",\"managedFields\":[{\"manager\":\"a\"},{\"manager\":7}]}}";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BackendJson.fromJson(bad))
                .hasMessageContaining("metadata.managedFields[1].manager");
    }
}
