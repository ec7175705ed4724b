package dev.kgateway.sdk.codegen;

import com.sun.codemodel.ClassType;
import com.sun.codemodel.JBlock;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JInvocation;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JVar;

/**
 * The class both codec emitters write, one per model type {@code X} and direction: a package-private
 * final {@code XDeserializer extends ValueDeserializer<X>} or {@code XSerializer extends
 * ValueSerializer<X>}, marked generated, with a shared {@code INSTANCE}, the main method
 * ({@code deserialize(p, ctxt)} or {@code serialize(value, g, ctxt)}) whose body the emitter fills,
 * and the type-aware variant delegating to it (the model has no polymorphic types: a type resolver,
 * if any, must not wrap the generated code).
 */
final class CodecClass {

    /** Which way a codec class converts. */
    enum Direction {
        READ("Deserializer", "tools.jackson.databind.ValueDeserializer", "deserialize", "tools.jackson.databind.jsontype.TypeDeserializer"),
        WRITE("Serializer", "tools.jackson.databind.ValueSerializer", "serialize", "tools.jackson.databind.jsontype.TypeSerializer");

        private final String suffix;
        private final String superclass;
        private final String method;
        private final String typeHandler;

        Direction(String suffix, String superclass, String method, String typeHandler) {
            this.suffix = suffix;
            this.superclass = superclass;
            this.method = method;
            this.typeHandler = typeHandler;
        }

        /** The codec class's fully qualified name for model type {@code value}, as {@code @JsonSerialize(using = ..)} names it. */
        String className(JDefinedClass value) {
            return value._package().name() + "." + value.name() + suffix;
        }
    }

    /** Jackson 3's (unchecked) read and write failure, declared by the main methods as Jackson declares them. */
    static final String JACKSON_EXCEPTION = "tools.jackson.core.JacksonException";

    private final JDefinedClass value;
    private final JDefinedClass codec;
    private final JMethod main;

    private CodecClass(JDefinedClass value, JDefinedClass codec, JMethod main) {
        this.value = value;
        this.codec = codec;
        this.main = main;
    }

    /**
     * Defines the codec class of {@code value} in {@code direction}.
     *
     * @param schemaLocation where {@code value} was generated from, for {@code @Generated}
     * @param javadoc        the class comment
     */
    static CodecClass define(JDefinedClass value, Direction direction, String schemaLocation, String javadoc) {
        JCodeModel owner = value.owner();
        String name = value.name() + direction.suffix;
        JDefinedClass codec;
        try {
            codec = value._package()._class(JMod.FINAL, name, ClassType.CLASS);
        } catch (JClassAlreadyExistsException e) {
            throw new GenerationException(direction.suffix.toLowerCase(java.util.Locale.ROOT) + " class " + name + " for "
                    + value.fullName() + " clashes with another class: rename the type");
        }
        codec._extends(ClassRefs.of(owner, direction.superclass).narrow(value));
        GeneratedMark.mark(codec, schemaLocation);
        ImmutableObjectRule.suppressDeprecationLike(value, codec); // reads and writes the seed schema's deprecated members too
        codec.javadoc().add(javadoc);
        codec.field(JMod.STATIC | JMod.FINAL, codec, "INSTANCE", JExpr._new(codec));

        JMethod main;
        JMethod typed;
        if (direction == Direction.READ) {
            main = codec.method(JMod.PUBLIC, value, direction.method);
            typed = codec.method(JMod.PUBLIC, owner.ref(Object.class), direction.method + "WithType");
        } else {
            main = codec.method(JMod.PUBLIC, owner.VOID, direction.method);
            typed = codec.method(JMod.PUBLIC, owner.VOID, direction.method + "WithType");
            main.param(value, "value");
            typed.param(value, "value");
        }
        String[][] params = direction == Direction.READ
                ? new String[][] {{"tools.jackson.core.JsonParser", "p"}, {"tools.jackson.databind.DeserializationContext", "ctxt"}}
                : new String[][] {{"tools.jackson.core.JsonGenerator", "g"}, {"tools.jackson.databind.SerializationContext", "ctxt"}};
        for (String[] param : params) {
            main.param(ClassRefs.of(owner, param[0]), param[1]);
            typed.param(ClassRefs.of(owner, param[0]), param[1]);
        }
        typed.param(ClassRefs.of(owner, direction.typeHandler), direction == Direction.READ ? "typeDeserializer" : "typeSerializer");
        main.annotate(Override.class);
        main._throws(ClassRefs.of(owner, JACKSON_EXCEPTION)); // as the overridden method declares it
        typed.annotate(Override.class);
        JInvocation delegate = JExpr.invoke(direction.method);
        for (JVar param : main.params()) {
            delegate.arg(param);
        }
        if (direction == Direction.READ) {
            typed.body()._return(delegate);
        } else {
            typed.body().add(delegate);
        }
        return new CodecClass(value, codec, main);
    }

    /** The model type this class reads or writes. */
    JDefinedClass value() {
        return value;
    }

    /** The codec class itself, for further members. */
    JDefinedClass codec() {
        return codec;
    }

    /** The body of {@code deserialize(p, ctxt)} or {@code serialize(value, g, ctxt)}. */
    JBlock body() {
        return main.body();
    }

    /** A type by name, imported in the generated file unless its simple name clashes. */
    JClass ref(String fullName) {
        return ClassRefs.of(codec.owner(), fullName);
    }

    /** The expression naming the codec {@code INSTANCE} of another model type, as code in this class writes it. */
    String instanceOf(com.sun.codemodel.JType model, Direction direction) {
        return Code.typeName(model.erasure(), codec) + direction.suffix + ".INSTANCE";
    }
}
