package dev.kgateway.sdk.codegen;

import com.sun.codemodel.ClassType;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes, for one generated model type {@code X}, a package-private Jackson 3 serializer
 * {@code XSerializer} that writes the declared members straight from the accessors, then the
 * unknown members in their order: no bean introspection, no property writers, no reflection. The
 * model type names it ({@code @JsonSerialize(using = XSerializer.class)}, from
 * {@code ImmutableObjectRule}), so every Jackson 3 mapper writes through it without a module.
 *
 * <p>The output is the one Jackson's bean serializer wrote for the {@code @JsonInclude} the type
 * declares, byte for byte: absent members (null values, empty lists and maps) are left out; members in
 * schema order, or alphabetically when the mapper has {@code MapperFeature.SORT_PROPERTIES_ALPHABETICALLY}
 * (Jackson 3's default); map entries and unknown members ordered by key under
 * {@code SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS}; a one-element list unwrapped under
 * {@code WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED}. Scalars and open enums are written inline, nested model
 * values by their own generated serializer; maps, unknown members and values of any other Java type
 * go through {@code EncodeSupport} (hand-written, in the model package), the last through the
 * mapper's own serializer for that type.
 */
final class SerializerEmitter {

    private static final String SUPPORT = "EncodeSupport";

    private final ImmutablesRuleFactory factory;
    private final JDefinedClass c;
    private final List<Property> props;

    SerializerEmitter(ImmutablesRuleFactory factory, JDefinedClass c, List<Property> props) {
        this.factory = factory;
        this.c = c;
        this.props = props;
    }

    /** The serializer's class name for model type {@code c}, as {@code @JsonSerialize(using = ..)} names it. */
    static String serializerName(JDefinedClass c) {
        return c._package().name() + "." + c.name() + "Serializer";
    }

    void emit() {
        JPackage pkg = c._package();
        JCodeModel owner = pkg.owner();
        String name = c.name() + "Serializer";
        JDefinedClass s;
        try {
            s = pkg._class(JMod.FINAL, name, ClassType.CLASS);
        } catch (JClassAlreadyExistsException e) {
            throw new GenerationException("serializer class " + name + " for " + c.fullName() + " clashes with another class: rename the type");
        }
        s._extends(owner.directClass("tools.jackson.databind.ValueSerializer").narrow(c));
        ImmutableObjectRule.suppressDeprecationLike(c, s); // writes the seed schema's deprecated members too
        s.javadoc().add("Writes {@link " + c.name() + "} from its accessors, declared members first, then unknown ones."
                + " Generated; see EncodeSupport.");
        s.field(JMod.STATIC | JMod.FINAL, s, "INSTANCE", JExpr._new(s));
        for (int i = 0; i < props.size(); i++) {
            s.field(JMod.PRIVATE | JMod.STATIC | JMod.FINAL, owner.directClass("tools.jackson.core.SerializableString"), nameField(i),
                    owner.directClass(SUPPORT).staticInvoke("name").arg(props.get(i).jsonName()));
        }

        JMethod m = s.method(JMod.PUBLIC, owner.VOID, "serialize");
        m.annotate(Override.class);
        m.param(c, "value");
        m.param(owner.directClass("tools.jackson.core.JsonGenerator"), "g");
        m.param(owner.directClass("tools.jackson.databind.SerializationContext"), "ctxt");
        m.body().directStatement(serializeBody());

        // the model has no polymorphic types (NoTypeIds on the class): a type serializer, if any, must not wrap this writer
        JMethod typed = s.method(JMod.PUBLIC, owner.VOID, "serializeWithType");
        typed.annotate(Override.class);
        typed.param(c, "value");
        typed.param(owner.directClass("tools.jackson.core.JsonGenerator"), "g");
        typed.param(owner.directClass("tools.jackson.databind.SerializationContext"), "ctxt");
        typed.param(owner.directClass("tools.jackson.databind.jsontype.TypeSerializer"), "typeSerializer");
        typed.body().invoke("serialize").arg(JExpr.ref("value")).arg(JExpr.ref("g")).arg(JExpr.ref("ctxt"));

        List<Integer> declared = new ArrayList<>();
        for (int i = 0; i < props.size(); i++) {
            declared.add(i);
        }
        List<Integer> alphabetical = new ArrayList<>(declared);
        // Jackson sorts bean properties by their JSON name, String's natural order
        alphabetical.sort(Comparator.comparing(i -> props.get(i).jsonName()));
        membersMethod(s, "writeDeclared", declared);
        membersMethod(s, "writeAlphabetical", alphabetical);
    }

    private static String nameField(int index) {
        return "NAME_" + index;
    }

    private String serializeBody() {
        StringBuilder b = new StringBuilder();
        b.append("g.writeStartObject(value);\n");
        b.append("if (").append(SUPPORT).append(".alphabetical(ctxt)) {\n");
        b.append("    writeAlphabetical(value, g, ctxt);\n");
        b.append("} else {\n");
        b.append("    writeDeclared(value, g, ctxt);\n");
        b.append("}\n");
        b.append(SUPPORT).append(".unknownMembers(value.get").append(Names.capitalize(ImmutableObjectRule.UNKNOWN_MEMBERS))
                .append("(), g, ctxt);\n");
        b.append("g.writeEndObject();");
        return b.toString();
    }

    private void membersMethod(JDefinedClass s, String name, List<Integer> order) {
        JCodeModel owner = s.owner();
        JMethod m = s.method(JMod.PRIVATE | JMod.STATIC, owner.VOID, name);
        m.param(c, "value");
        m.param(owner.directClass("tools.jackson.core.JsonGenerator"), "g");
        m.param(owner.directClass("tools.jackson.databind.SerializationContext"), "ctxt");
        StringBuilder b = new StringBuilder();
        for (int i : order) {
            b.append(member(props.get(i), nameField(i), "v" + i));
        }
        if (b.length() > 0) {
            b.setLength(b.length() - 1);
        }
        m.body().directStatement(b.toString());
    }

    /** The statements writing one declared member, when present. */
    private String member(Property p, String nameField, String local) {
        StringBuilder b = new StringBuilder();
        String type = p.type().fullName();
        b.append(type).append(' ').append(local).append(" = value.").append(p.getter()).append("();\n");
        if (p.isList()) {
            b.append("if (!").append(local).append(".isEmpty()) {\n");
            b.append("    g.writeName(").append(nameField).append(");\n");
            b.append("    boolean ").append(local).append("Wrapped = ").append(SUPPORT).append(".startArray(").append(local).append(", g, ctxt);\n");
            b.append("    for (").append(p.elementType().fullName()).append(" e : ").append(local).append(") {\n");
            b.append("        ").append(write(p.elementType(), "e", p)).append(";\n");
            b.append("    }\n");
            b.append("    if (").append(local).append("Wrapped) {\n");
            b.append("        g.writeEndArray();\n");
            b.append("    }\n");
            b.append("}\n");
            return b.toString();
        }
        if (p.isMap()) {
            List<JClass> parameters = ((JClass) p.type()).getTypeParameters();
            if (!parameters.get(0).fullName().equals(String.class.getName())) {
                throw new GenerationException("no generated writer for map keys of " + type + " at " + c.fullName() + "." + p.jsonName());
            }
            b.append("if (!").append(local).append(".isEmpty()) {\n");
            b.append("    g.writeName(").append(nameField).append(");\n");
            b.append("    ").append(SUPPORT).append(p.elementType().fullName().equals(String.class.getName()) ? ".stringMap(" : ".map(")
                    .append(local).append(", g, ctxt);\n");
            b.append("}\n");
            return b.toString();
        }
        b.append("if (").append(local).append(" != null) {\n");
        b.append("    g.writeName(").append(nameField).append(");\n");
        b.append("    ").append(write(p.type(), local, p)).append(";\n");
        b.append("}\n");
        return b.toString();
    }

    /** A statement writing one non-null value of {@code type}. */
    private String write(JType type, String value, Property p) {
        switch (factory.kindOf(type)) {
            case VALUE:
                return type.erasure().fullName() + "Serializer.INSTANCE.serialize(" + value + ", g, ctxt)";
            case OPEN_ENUM:
                return "g.writeString(" + value + ".value())";
            default:
                break;
        }
        switch (type.fullName()) {
            case "java.lang.String":
                return "g.writeString(" + value + ")";
            case "java.lang.Integer":
                return "g.writeNumber(" + value + ".intValue())";
            case "java.lang.Long":
                return "g.writeNumber(" + value + ".longValue())";
            case "java.lang.Double":
                return "g.writeNumber(" + value + ".doubleValue())";
            case "java.lang.Boolean":
                return "g.writeBoolean(" + value + ".booleanValue())";
            default:
                // JsonNode, Object, and any type another generator rule introduces: the mapper's own serializer
                return SUPPORT + ".value(" + value + ", g, ctxt)";
        }
    }
}
