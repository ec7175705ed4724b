package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.kgateway.sdk.codegen.GeneratorHarness.source;
import static dev.kgateway.sdk.codegen.GeneratorHarness.squash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deserializer and serializer emitters share one table of scalar types ({@link Scalar}): every
 * type in it is read by one and written by the other, and a type missing from it is refused by both.
 */
class ScalarTableTest {

    @ParameterizedTest
    @EnumSource(Scalar.class)
    void everyScalarInTheTableIsReadByTheDeserializer(Scalar scalar) {
        Map<String, String> sources = emitBoth(owner -> owner.ref(scalar.javaType()));

        assertThat(squash(source(sources, "ThingDeserializer")))
                .contains("case \"member\": b.member(DecodeSupport." + scalar.reader() + "(p, ctxt)); break;");
    }

    @ParameterizedTest
    @EnumSource(Scalar.class)
    void everyScalarInTheTableIsWrittenByTheSerializer(Scalar scalar) {
        Map<String, String> sources = emitBoth(owner -> owner.ref(scalar.javaType()));

        assertThat(squash(source(sources, "ThingSerializer")))
                .contains("if (v0 != null) { g.writeName(NAME_0); " + squash(scalar.write("v0")) + "; }");
    }

    @ParameterizedTest
    @EnumSource(Scalar.class)
    void listsOfEveryScalarAreKnownToBothEmitters(Scalar scalar) {
        Map<String, String> sources = emitBoth(owner -> owner.ref(List.class).narrow(owner.ref(scalar.javaType())));

        assertThat(squash(source(sources, "ThingDeserializer"))).contains("(jp, dc) -> DecodeSupport." + scalar.reader() + "(jp, dc), b::addMember");
        assertThat(squash(source(sources, "ThingSerializer"))).contains(squash(scalar.write("e")) + ";");
    }

    @Test
    void aTypeMissingFromTheTableIsRefusedByTheDeserializer() {
        Fixture fixture = new Fixture(owner -> owner.ref(BigDecimal.class));

        assertThatThrownBy(() -> new DeserializerEmitter(fixture.factory, fixture.thing, fixture.props, "test.json").emit())
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("java.math.BigDecimal").hasMessageContaining("add a row to Scalar");
    }

    @Test
    void aTypeMissingFromTheTableIsRefusedByTheSerializer() {
        Fixture fixture = new Fixture(owner -> owner.ref(BigDecimal.class));

        assertThatThrownBy(() -> new SerializerEmitter(fixture.factory, fixture.thing, fixture.props, "test.json").emit())
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("java.math.BigDecimal").hasMessageContaining("add a row to Scalar");
    }

    @Test
    void aMapWhoseValueTypeIsMissingFromTheTableIsRefusedByTheSerializerToo() {
        Fixture fixture = new Fixture(owner -> owner.ref(Map.class).narrow(owner.ref(String.class), owner.ref(BigDecimal.class)));

        assertThatThrownBy(() -> new SerializerEmitter(fixture.factory, fixture.thing, fixture.props, "test.json").emit())
                .isInstanceOf(GenerationException.class).hasMessageContaining("add a row to Scalar");
    }

    @Test
    void theTableNamesEachJavaTypeOnce() {
        assertThat(java.util.Arrays.stream(Scalar.values()).map(Scalar::javaType)).doesNotHaveDuplicates();
    }

    private static Map<String, String> emitBoth(java.util.function.Function<JCodeModel, JType> type) {
        Fixture fixture = new Fixture(type);
        new DeserializerEmitter(fixture.factory, fixture.thing, fixture.props, "test.json").emit();
        new SerializerEmitter(fixture.factory, fixture.thing, fixture.props, "test.json").emit();
        return GeneratorHarness.write(fixture.owner);
    }

    /** A model class {@code com.example.Thing} with one member, {@code member}, of the given Java type. */
    private static final class Fixture {
        final JCodeModel owner = new JCodeModel();
        final ImmutablesRuleFactory factory = new ImmutablesRuleFactory();
        final JDefinedClass thing;
        final List<Property> props;

        Fixture(java.util.function.Function<JCodeModel, JType> type) {
            try {
                thing = owner._class(GeneratorHarness.PACKAGE + ".Thing");
            } catch (JClassAlreadyExistsException e) {
                throw new AssertionError(e);
            }
            props = List.of(new Property("member", "member", JsonNodeFactory.instance.objectNode(), type.apply(owner), false));
        }
    }
}
