package dev.kgateway.sdk.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.kgateway.sdk.model.Backend;

import org.junit.jupiter.api.Test;

/** The two halves of the model's type-id guard: Jackson 2's refusal and Jackson 3's "no type ids". */
class TypeGuardsTest {

    @Test
    void theRefusalNamesThePublicTypeOfAGeneratedImplementation() {
        Class<?> implementation = Backend.builder().build().getClass();

        assertThat(implementation).isNotEqualTo(Backend.class);
        assertThat(Jackson2Refusal.publicType(implementation)).isEqualTo(Backend.class);
        assertThat(Jackson2Refusal.publicType(Backend.class)).isEqualTo(Backend.class);
        assertThatThrownBy(() -> new Jackson2Refusal().init(TypeFactory.defaultInstance().constructType(implementation)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(Jackson2Refusal.MESSAGE + " (here dev.kgateway.sdk.model.Backend). Register ");
    }

    @Test
    void theRefusalIsACustomTypeIdResolverThatNeverGivesAnId() {
        Jackson2Refusal refusal = new Jackson2Refusal();

        assertThat(refusal.getMechanism()).isEqualTo(JsonTypeInfo.Id.CUSTOM);
        assertThatThrownBy(() -> refusal.idFromValue("x")).hasMessage(Jackson2Refusal.MESSAGE);
        assertThatThrownBy(() -> refusal.idFromValueAndType("x", String.class)).hasMessage(Jackson2Refusal.MESSAGE);
    }

    @Test
    void noTypeIdsIgnoresEverySettingAndBuildsNoTypeHandlers() {
        NoTypeIds builder = new NoTypeIds();

        assertThat(builder.withDefaultImpl(String.class)).isSameAs(builder);
        assertThat(builder.withSettings(null)).isSameAs(builder);
        assertThat(builder.init(null, null)).isSameAs(builder);
        assertThat(builder.getDefaultImpl()).isNull();
        assertThat(builder.buildTypeSerializer(null, null, null)).isNull();
        assertThat(builder.buildTypeDeserializer(null, null, null)).isNull();
    }
}
