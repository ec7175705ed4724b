package dev.kgateway.sdk.codegen;

import com.sun.codemodel.ClassType;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;

import java.util.List;

/**
 * Writes, for one generated model type {@code X}, a package-private Jackson 3 deserializer
 * {@code XDeserializer} that reads the tokens straight into {@code X.builder()}: a {@code switch}
 * on the member name per declared property, unknown members into the additional-properties map as
 * trees (in document order), no intermediate object, no reflection. A member typed
 * {@code existingJavaType: dev.kgateway.sdk.model.RawJson} is kept as compact JSON text. The model type names it
 * ({@code @JsonDeserialize(using = XDeserializer.class)}, from {@code ImmutableObjectRule}), so every
 * Jackson 3 mapper reads through it without a module.
 *
 * <p>Scalars, open enums, nested objects, lists and string-keyed maps are read by
 * {@code CodecSupport} (hand-written, in the model package), which keeps the mapper's strict typing
 * and the error paths ({@code spec.static.hosts[0].port}); a Java type it has no reader for is a
 * generation error rather than a silent fallback.
 */
final class CodecEmitter {

    private static final String SUPPORT = "CodecSupport";
    /** The model's compact holder of uninterpreted JSON ({@code existingJavaType} in the schema). */
    static final String RAW_JSON = "dev.kgateway.sdk.model.RawJson";

    private final ImmutablesRuleFactory factory;
    private final JDefinedClass c;
    private final List<Property> props;

    CodecEmitter(ImmutablesRuleFactory factory, JDefinedClass c, List<Property> props) {
        this.factory = factory;
        this.c = c;
        this.props = props;
    }

    void emit() {
        JPackage pkg = c._package();
        JCodeModel owner = pkg.owner();
        String name = c.name() + "Deserializer";
        JDefinedClass d;
        try {
            d = pkg._class(JMod.FINAL, name, ClassType.CLASS);
        } catch (JClassAlreadyExistsException e) {
            throw new GenerationException("deserializer class " + name + " for " + c.fullName() + " clashes with another class: rename the type");
        }
        d._extends(owner.directClass("tools.jackson.databind.ValueDeserializer").narrow(c));
        ImmutableObjectRule.suppressDeprecationLike(c, d); // reads the seed schema's deprecated members too
        d.javadoc().add("Reads {@link " + c.name() + "} token by token into its builder. Generated; see CodecSupport.");
        d.field(JMod.STATIC | JMod.FINAL, d, "INSTANCE", com.sun.codemodel.JExpr._new(d));

        JMethod m = d.method(JMod.PUBLIC, c, "deserialize");
        m.annotate(Override.class);
        m.param(owner.directClass("tools.jackson.core.JsonParser"), "p");
        m.param(owner.directClass("tools.jackson.databind.DeserializationContext"), "ctxt");
        m.body().directStatement(body());

        // the model has no polymorphic types: a type-id resolver on the class (if any) must not wrap this reader
        JMethod typed = d.method(JMod.PUBLIC, owner.ref(Object.class), "deserializeWithType");
        typed.annotate(Override.class);
        typed.param(owner.directClass("tools.jackson.core.JsonParser"), "p");
        typed.param(owner.directClass("tools.jackson.databind.DeserializationContext"), "ctxt");
        typed.param(owner.directClass("tools.jackson.databind.jsontype.TypeDeserializer"), "typeDeserializer");
        typed.body()._return(com.sun.codemodel.JExpr.invoke("deserialize").arg(com.sun.codemodel.JExpr.ref("p")).arg(com.sun.codemodel.JExpr.ref("ctxt")));

        JMethod cachable = d.method(JMod.PUBLIC, owner.BOOLEAN, "isCachable");
        cachable.annotate(Override.class);
        cachable.body()._return(com.sun.codemodel.JExpr.TRUE);

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
        s.append("                    b.putAdditionalProperties(name, ").append(SUPPORT).append(".tree(p, ctxt));\n");
        s.append("            }\n");
        s.append("        } catch (tools.jackson.core.JacksonException e) {\n");
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
                return SUPPORT + ".object" + args + ", " + type.erasure().fullName() + "Deserializer.INSTANCE)";
            case OPEN_ENUM:
                return SUPPORT + ".openEnum" + args + ", " + type.erasure().fullName() + "::of)";
            default:
                break;
        }
        switch (type.fullName()) {
            case "java.lang.String":
                return SUPPORT + ".string" + args + ")";
            case "java.lang.Integer":
                return SUPPORT + ".integer" + args + ")";
            case "java.lang.Long":
                return SUPPORT + ".longValue" + args + ")";
            case "java.lang.Double":
                return SUPPORT + ".doubleValue" + args + ")";
            case "java.lang.Boolean":
                return SUPPORT + ".bool" + args + ")";
            case ImmutableObjectRule.JSON_NODE:
                return SUPPORT + ".tree" + args + ")";
            case RAW_JSON:
                return SUPPORT + ".rawJson" + args + ")";
            case "java.lang.Object":
                return SUPPORT + ".any" + args + ")";
            default:
                throw new GenerationException("no generated reader for Java type " + type.fullName() + " at "
                        + c.fullName() + "." + p.jsonName() + ": add one to CodecEmitter and CodecSupport");
        }
    }

    private static String escape(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
