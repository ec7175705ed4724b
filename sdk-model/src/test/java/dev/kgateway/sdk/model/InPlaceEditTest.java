package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code editX(Consumer<X.Builder>)}: change one member of a nested object without rebuilding the path to it. */
class InPlaceEditTest {

    static Backend openAiBackend() {
        return ValidationRulesTest.aiBackend(ValidationRulesTest.openai());
    }

    @Test
    void aDeepChangeIsOneExpressionOnTheValue() {
        Backend renamed = openAiBackend().editSpec(s -> s.editAi(a -> a.editProvider(p -> p.editOpenai(o -> o.editAuthToken(
                t -> t.editSecretRef(r -> r.name("rotated-key")))))));

        assertThat(renamed.getSpec().getAi().getProvider().getOpenai().getAuthToken().getSecretRef().getName()).isEqualTo("rotated-key");
    }

    @Test
    void aValueEditKeepsEveryOtherMember() {
        Backend original = ValidationRulesTest.awsBackend();

        Backend moved = original.editSpec(s -> s.editAws(a -> a.region("eu-west-1")));

        assertThat(moved.getSpec().getAws()).isEqualTo(original.getSpec().getAws().withRegion("eu-west-1"));
        assertThat(moved.getSpec().getType()).isEqualTo(BackendType.AWS);
        assertThat(moved.getMetadata()).isEqualTo(original.getMetadata());
    }

    @Test
    void aValueEditLeavesTheOriginalUnchanged() {
        Backend original = ValidationRulesTest.awsBackend();

        original.editSpec(s -> s.editAws(a -> a.region("eu-west-1")));

        assertThat(original.getSpec().getAws().getRegion()).isEqualTo("us-east-1");
    }

    @Test
    void editingAnAbsentMemberStartsFromAnEmptyBuilder() {
        Backend noSpec = Backend.builder().metadata(m -> m.name("x")).build();

        Backend edited = noSpec.editSpec(s -> s.editAws(a -> a.region("eu-west-1")));

        assertThat(edited.getSpec()).isEqualTo(BackendSpec.builder().aws(a -> a.region("eu-west-1")).build());
    }

    @Test
    void aBuilderEditChangesTheValueTheBuilderHolds() {
        Backend original = ValidationRulesTest.awsBackend();

        Backend moved = original.toBuilder().editSpec(s -> s.editAws(a -> a.region("eu-west-1"))).build();

        assertThat(moved).isEqualTo(original.editSpec(s -> s.editAws(a -> a.region("eu-west-1"))));
        assertThat(moved.getSpec().getAws().getLambdaFunctionName()).isEqualTo("hello");
    }

    @Test
    void builderEditsAccumulate() {
        Backend built = Backend.builder().editMetadata(m -> m.name("a")).editMetadata(m -> m.namespace("b")).build();

        assertThat(built.getMetadata().getName()).isEqualTo("a");
        assertThat(built.getMetadata().getNamespace()).isEqualTo("b");
        assertThat(built.getApiVersion()).isEqualTo(Backend.API_VERSION);
    }

    @Test
    void theReplacingConsumerOverloadStartsEmptyWhereTheEditKeeps() {
        Backend original = ValidationRulesTest.awsBackend();

        Backend replaced = original.toBuilder().spec(s -> s.aws(a -> a.region("eu-west-1"))).build();
        Backend edited = original.toBuilder().editSpec(s -> s.editAws(a -> a.region("eu-west-1"))).build();

        assertThat(replaced.getSpec().getAws().getLambdaFunctionName()).isNull();
        assertThat(edited.getSpec().getAws().getLambdaFunctionName()).isEqualTo("hello");
    }

    @Test
    void anEditKeepsUnknownMembers() {
        Backend withFuture = ValidationRulesTest.awsBackend().editSpec(s -> s.editAws(
                a -> a.putAdditionalProperties("futureField", JsonNodeFactory.instance.stringNode("kept"))));

        Backend moved = withFuture.editSpec(s -> s.editAws(a -> a.region("eu-west-1")));

        assertThat(moved.getSpec().getAws().getAdditionalProperties()).containsKey("futureField");
    }

    @Test
    void theEditSeesTheCurrentValue() {
        List<String> seen = new ArrayList<>();

        ValidationRulesTest.awsBackend().editSpec(s -> s.editAws(a -> seen.add(a.build().getRegion())));

        assertThat(seen).containsExactly("us-east-1");
    }

    @Test
    void aBuilderEditFailsLikeBuildWhenAnUnknownMemberShadowsADeclaredOne() {
        Backend.Builder broken = Backend.builder().putAdditionalProperties("kind", JsonNodeFactory.instance.stringNode("x"));

        assertThatThrownBy(() -> broken.editSpec(s -> s.type(BackendType.AWS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'kind'");
    }
}
