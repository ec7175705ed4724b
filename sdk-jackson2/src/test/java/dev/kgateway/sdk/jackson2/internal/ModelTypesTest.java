package dev.kgateway.sdk.jackson2.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendSpec;
import dev.kgateway.sdk.model.BackendType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Which classes the module hands to the model's Jackson 3 codec, and as which type. */
class ModelTypesTest {

    /** The generated (package-private) implementation of {@link Backend}. */
    private static final Class<?> IMPLEMENTATION = Backend.builder().build().getClass();

    @Test
    void aGeneratedImplementationIsHandledAsItsPublicType() {
        assertThat(IMPLEMENTATION).isNotEqualTo(Backend.class);
        assertThat(ModelTypes.codecType(IMPLEMENTATION)).isEqualTo(Backend.class);
        assertThat(ModelTypes.codecType(Backend.class)).isEqualTo(Backend.class);
        assertThat(ModelTypes.codecType(BackendSpec.class)).isEqualTo(BackendSpec.class);
    }

    @Test
    void anOpenEnumIsHandledAsItself() {
        assertThat(ModelTypes.codecType(BackendType.class)).isEqualTo(BackendType.class);
    }

    @Test
    void aClassOutsideTheModelIsNotHandled() {
        assertThat(ModelTypes.codecType(String.class)).isNull();
        assertThat(ModelTypes.codecType(ModelTypesTest.class)).isNull();
    }

    @Test
    void aClassOfTheModelPackageWithoutJackson3sAnnotationIsNotHandled() {
        assertThat(ModelTypes.codecType(dev.kgateway.sdk.model.BackendJson.class)).isNull();
    }

    @Test
    void jackson3NodesAreTreesAndModelTypesAreNot() {
        assertThat(ModelTypes.isJackson3Tree(JsonNode.class)).isTrue();
        assertThat(ModelTypes.isJackson3Tree(ObjectNode.class)).isTrue();
        assertThat(ModelTypes.isJackson3Tree(StringNode.class)).isTrue();
        assertThat(ModelTypes.isJackson3Tree(Backend.class)).isFalse();
    }

    @Test
    void theGuardIsFoundOnTheGeneratedImplementationsSuperclass() {
        assertThat(Jackson2TypeGuard.isGuarded(Backend.class)).isTrue();
        assertThat(Jackson2TypeGuard.isGuarded(IMPLEMENTATION)).isTrue();
        assertThat(Jackson2TypeGuard.isGuarded(String.class)).isFalse();
        assertThat(Jackson2TypeGuard.isGuarded(BackendType.class)).isFalse();
    }
}
