package dev.kgateway.sdk.model;

import dev.kgateway.sdk.model.internal.CompactMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated builders and {@code with*} methods keep map attributes in {@link CompactMap}: insertion
 * order, no sharing of state between a builder and what it built, the same null messages as before.
 */
class CompactMapAttributesTest {

    private static ObjectMeta.Builder labelled() {
        return ObjectMeta.builder().name("web")
                .putLabels("z-last-alphabetically", "1")
                .putLabels("app", "web")
                .putLabels(Map.entry("team", "payments"))
                .putAllLabels(Map.of("env", "prod"));
    }

    @Test
    void buildersKeepInsertionOrderInACompactMap() {
        ObjectMeta meta = labelled().build();

        assertThat(meta.getLabels()).isInstanceOf(CompactMap.class);
        assertThat(new ArrayList<>(meta.getLabels().keySet())).containsExactly("z-last-alphabetically", "app", "team", "env");
        assertThat(meta.getLabels()).isEqualTo(new HashMap<>(Map.of("z-last-alphabetically", "1", "app", "web", "team", "payments", "env", "prod")));
        assertThat(BackendJson.toJson(Backend.builder().metadata(meta).build()))
                .contains("\"labels\":{\"z-last-alphabetically\":\"1\",\"app\":\"web\",\"team\":\"payments\",\"env\":\"prod\"}");
    }

    @Test
    void aBuilderUsedAgainAfterBuildDoesNotChangeWhatItBuilt() {
        ObjectMeta.Builder builder = labelled();
        ObjectMeta first = builder.build();
        Map<String, String> before = new LinkedHashMap<>(first.getLabels());

        builder.putLabels("app", "changed").putLabels("added", "x");
        ObjectMeta second = builder.build();
        builder.labels(Map.of("only", "one"));
        ObjectMeta third = builder.build();

        assertThat(first.getLabels()).isEqualTo(before);
        assertThat(second.getLabels()).containsEntry("app", "changed").containsEntry("added", "x").hasSize(5);
        assertThat(new ArrayList<>(second.getLabels().keySet())).containsExactly("z-last-alphabetically", "app", "team", "env", "added");
        assertThat(third.getLabels()).isEqualTo(Map.of("only", "one"));
    }

    @Test
    void withAndToBuilderKeepOrderAndRefuseNulls() {
        ObjectMeta meta = labelled().build();
        LinkedHashMap<String, String> replacement = new LinkedHashMap<>();
        replacement.put("b", "2");
        replacement.put("a", "1");
        replacement.put("c", "3");

        ObjectMeta replaced = meta.withLabels(replacement);
        assertThat(new ArrayList<>(replaced.getLabels().keySet())).containsExactly("b", "a", "c");
        assertThat(replaced.withLabels(replaced.getLabels())).isSameAs(replaced);
        assertThat(meta.toBuilder().build()).isEqualTo(meta);
        assertThat(new ArrayList<>(meta.toBuilder().build().getLabels().keySet()))
                .containsExactlyElementsOf(meta.getLabels().keySet());

        replacement.put("d", null);
        assertThatThrownBy(() -> meta.withLabels(replacement))
                .isInstanceOf(NullPointerException.class).hasMessage("value for key: d");
        assertThatThrownBy(() -> ObjectMeta.builder().putLabels(null, "v"))
                .isInstanceOf(NullPointerException.class).hasMessage("labels key");
        assertThatThrownBy(() -> ObjectMeta.builder().putLabels("k", null))
                .isInstanceOf(NullPointerException.class).hasMessage("labels value for key: k");
        assertThatThrownBy(() -> ObjectMeta.builder().putAllAnnotations(replacement))
                .isInstanceOf(NullPointerException.class).hasMessage("annotations value for key: d");
    }

    @Test
    void decodedMapsAndUnknownMembersAreCompactAndInDocumentOrder() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\","
                + "\"metadata\":{\"name\":\"x\",\"labels\":{\"b\":\"1\",\"a\":\"2\",\"c\":\"3\"},"
                + "\"zz\":1,\"aa\":{\"k\":true}},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"h\",\"port\":1}]}}}";
        Backend backend = BackendJson.fromJson(json);

        assertThat(backend.getMetadata().getLabels()).isInstanceOf(CompactMap.class);
        assertThat(new ArrayList<>(backend.getMetadata().getLabels().keySet())).containsExactly("b", "a", "c");
        assertThat(new ArrayList<>(backend.getMetadata().getAdditionalProperties().keySet())).containsExactly("zz", "aa");
        assertThat(backend.getMetadata().getAdditionalProperties()).isInstanceOf(CompactMap.class)
                .containsEntry("zz", JsonNodeFactory.instance.numberNode(1));
        assertThat(BackendJson.toJson(backend)).isEqualTo(json);
    }

    @Test
    void largeLabelMapsBuildAndReadBackInOrder() {
        ObjectMeta.Builder builder = ObjectMeta.builder().name("many");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String key = "label-" + (i * 37 % 500) + "-" + i;
            keys.add(key);
            builder.putLabels(key, Integer.toString(i));
        }
        ObjectMeta meta = builder.build();

        assertThat(new ArrayList<>(meta.getLabels().keySet())).containsExactlyElementsOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(meta.getLabels().get(keys.get(i))).isEqualTo(Integer.toString(i));
        }
    }
}
