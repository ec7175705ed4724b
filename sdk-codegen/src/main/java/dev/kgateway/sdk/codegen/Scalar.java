package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JType;

import java.util.Optional;

/**
 * The one table of Java types the generated serializers and deserializers read and write inline:
 * per type, the {@code DecodeSupport} reader and the statement that writes it. Both
 * {@link DeserializerEmitter} and {@link SerializerEmitter} look types up here only, so a type is
 * either handled by both or refused by both (a {@link GenerationException} naming this table), never
 * read by one and silently written some other way by the other.
 *
 * <p>Generated model types and open enums are not scalars: the emitters handle them by kind.
 */
enum Scalar {
    STRING("java.lang.String", "string", "g.writeString(%s)"),
    INTEGER("java.lang.Integer", "integer", "g.writeNumber(%s.intValue())"),
    LONG("java.lang.Long", "longValue", "g.writeNumber(%s.longValue())"),
    DOUBLE("java.lang.Double", "doubleValue", "g.writeNumber(%s.doubleValue())"),
    BOOLEAN("java.lang.Boolean", "bool", "g.writeBoolean(%s.booleanValue())"),
    /** Any JSON value kept as a tree (free-form members). */
    JSON_TREE(ImmutableObjectRule.JSON_NODE, "tree", SerializerEmitter.SUPPORT + ".value(%s, g, ctxt)"),
    /** Uninterpreted JSON kept as compact text ({@code existingJavaType} in the schema). */
    RAW_JSON(Scalar.RAW_JSON_TYPE, "rawJson", SerializerEmitter.SUPPORT + ".value(%s, g, ctxt)"),
    /** A member the schema leaves untyped ({@code {}}): maps, lists, strings, numbers, booleans. */
    UNTYPED("java.lang.Object", "any", SerializerEmitter.SUPPORT + ".value(%s, g, ctxt)");

    /** The model's compact holder of uninterpreted JSON. */
    static final String RAW_JSON_TYPE = "dev.kgateway.sdk.model.RawJson";

    private final String javaType;
    private final String reader;
    private final String writer;

    Scalar(String javaType, String reader, String writer) {
        this.javaType = javaType;
        this.reader = reader;
        this.writer = writer;
    }

    /** The Java type, fully qualified. */
    String javaType() {
        return javaType;
    }

    /** The {@code DecodeSupport} method reading it. */
    String reader() {
        return reader;
    }

    /** An expression reading one value at the parser's current token. */
    String read(String parser, String ctxt) {
        return DeserializerEmitter.SUPPORT + "." + reader + "(" + parser + ", " + ctxt + ")";
    }

    /** A statement (without {@code ;}) writing the non-null {@code value} to generator {@code g}. */
    String write(String value) {
        return String.format(writer, value);
    }

    /** The row for {@code type}, if the table has one. */
    static Optional<Scalar> find(JType type) {
        for (Scalar s : values()) {
            if (s.javaType.equals(type.fullName())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The row for {@code type}, or a generation error naming {@code where} and this table. */
    static Scalar of(JType type, String where) {
        return find(type).orElseThrow(() -> new GenerationException("no generated reader or writer for Java type " + type.fullName()
                + " at " + where + ": add a row to Scalar (with its DecodeSupport reader and its writer)"));
    }
}
