package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JClass;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JType;

import java.util.List;

/**
 * Writes, for one generated model type {@code X}, a package-private Jackson 3 deserializer
 * {@code XDeserializer} that reads the tokens straight into {@code X.builder()}: a {@code switch}
 * on the member name per declared property, unknown members into the additional-properties map as
 * trees (in document order), no intermediate object, no reflection. The model type names it
 * ({@code @JsonDeserialize(using = XDeserializer.class)}, from {@code ImmutableObjectRule}), so every
 * Jackson 3 mapper reads through it without a module.
 *
 * <p>Scalars are read as the {@link Scalar} table says (the one {@link SerializerEmitter} writes
 * them by); open enums, nested objects, lists and string-keyed maps by {@code DecodeSupport}
 * (hand-written, in the model package), which keeps the mapper's strict typing and the error paths
 * ({@code spec.static.hosts[0].port}). A Java type the table lacks is a generation error rather than
 * a silent fallback. The class around the body comes from {@link CodecClass}, as the serializer's does.
 */
final class DeserializerEmitter {

    /** The hand-written helper class in the model package the generated deserializers call. */
    static final String SUPPORT = "DecodeSupport";

    private final ImmutablesRuleFactory factory;
    private final JDefinedClass c;
    private final List<Property> props;
    private final String schemaLocation;

    DeserializerEmitter(ImmutablesRuleFactory factory, JDefinedClass c, List<Property> props, String schemaLocation) {
        this.factory = factory;
        this.c = c;
        this.props = props;
        this.schemaLocation = schemaLocation;
    }

    void emit() {
        CodecClass codec = CodecClass.define(c, CodecClass.Direction.READ, schemaLocation,
                "Reads {@link " + c.name() + "} token by token into its builder. Generated; see {@code " + SUPPORT + "}.");
        Code.lines(codec.body(), body());
        // one reader per type, shared by every mapper
        JMethod cachable = codec.codec().method(JMod.PUBLIC, c.owner().BOOLEAN, "isCachable");
        cachable.annotate(Override.class);
        cachable.body()._return(JExpr.TRUE);
    }

    private String body() {
        String type = c.name();
        StringBuilder s = new StringBuilder();
        s.append(SUPPORT).append(".startObject(p, ctxt, ").append(type).append(".class);\n");
        // the implementation's builder: X.builder() of a root type presets apiVersion and kind
        s.append(type).append(".Builder b = Immutable").append(type).append(".builder();\n");
        s.append("try {\n");
        s.append("    for (String name = ").append(SUPPORT).append(".firstName(p); name != null; name = p.nextName()) {\n");
        s.append("        p.nextToken();\n");
        s.append("        try {\n");
        s.append("            switch (name) {\n");
        for (Property p : props) {
            s.append("                case \"").append(escape(p.jsonName())).append("\":\n");
            s.append("                    ").append(member(p)).append(";\n");
            s.append("                    break;\n");
        }
        s.append("                default:\n");
        s.append("                    b.putAdditionalProperties(name, ").append(Scalar.JSON_TREE.read("p", "ctxt")).append(");\n");
        s.append("            }\n");
        s.append("        } catch (JacksonException e) {\n");
        s.append("            throw ").append(SUPPORT).append(".at(e, ").append(type).append(".class, name);\n");
        s.append("        }\n");
        s.append("    }\n");
        s.append("    return b.build();\n");
        s.append("} catch (RuntimeException e) {\n");
        s.append("    throw ").append(SUPPORT).append(".invalid(p, ctxt, ").append(type).append(".class, e);\n");
        s.append("}");
        return s.toString();
    }

    /** The statement reading one declared member into the builder {@code b}. */
    private String member(Property p) {
        String cap = Names.capitalize(p.javaName());
        if (p.isList()) {
            return SUPPORT + ".list(p, ctxt, " + c.name() + ".class, \"" + escape(p.jsonName()) + "\", (jp, dc) -> " + read(p.elementType(), "jp", "dc", p)
                    + ", b::add" + cap + ")";
        }
        if (p.isMap()) {
            List<JClass> parameters = ((JClass) p.type()).getTypeParameters();
            if (!parameters.get(0).fullName().equals(String.class.getName())) {
                throw new GenerationException("no generated reader for map keys of " + p.type().fullName() + " at " + c.fullName() + "." + p.jsonName());
            }
            return SUPPORT + ".map(p, ctxt, " + c.name() + ".class, \"" + escape(p.jsonName()) + "\", (jp, dc) -> " + read(p.elementType(), "jp", "dc", p)
                    + ", b::put" + cap + ")";
        }
        return "b." + p.javaName() + "(" + read(p.type(), "p", "ctxt", p) + ")";
    }

    /** An expression reading one value of {@code type} at the current token. */
    private String read(JType type, String parser, String ctxt, Property p) {
        String args = "(" + parser + ", " + ctxt;
        switch (factory.kindOf(type)) {
            case VALUE:
                return SUPPORT + ".object" + args + ", " + Code.typeName(type.erasure(), c) + "Deserializer.INSTANCE)";
            case OPEN_ENUM:
                return SUPPORT + ".openEnum" + args + ", " + Code.typeName(type.erasure(), c) + "::of)";
            default:
                return Scalar.of(type, c.fullName() + "." + p.jsonName()).read(parser, ctxt);
        }
    }

    static String escape(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
