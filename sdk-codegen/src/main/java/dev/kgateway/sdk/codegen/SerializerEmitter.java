package dev.kgateway.sdk.codegen;

import com.sun.codemodel.JBlock;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
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
 * {@code WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED}. Scalars are written as the {@link Scalar} table says (the
 * one {@link DeserializerEmitter} reads them by; a type it lacks is a generation error), open enums
 * by their value, nested model values by their own generated serializer; maps and unknown members
 * go through {@code EncodeSupport} (hand-written, in the model package). The class around the
 * methods comes from {@link CodecClass}, as the deserializer's does.
 */
final class SerializerEmitter {

    /** The hand-written helper class in the model package the generated serializers call. */
    static final String SUPPORT = "EncodeSupport";

    private final ImmutablesRuleFactory factory;
    private final JDefinedClass c;
    private final List<Property> props;
    private final String schemaLocation;

    SerializerEmitter(ImmutablesRuleFactory factory, JDefinedClass c, List<Property> props, String schemaLocation) {
        this.factory = factory;
        this.c = c;
        this.props = props;
        this.schemaLocation = schemaLocation;
    }

    void emit() {
        CodecClass codec = CodecClass.define(c, CodecClass.Direction.WRITE, schemaLocation,
                "Writes {@link " + c.name() + "} from its accessors, declared members first, then unknown ones."
                        + " Generated; see {@code " + SUPPORT + "}.");
        JDefinedClass s = codec.codec();
        JCodeModel owner = c.owner();
        for (int i = 0; i < props.size(); i++) {
            s.field(JMod.PRIVATE | JMod.STATIC | JMod.FINAL, codec.ref("tools.jackson.core.SerializableString"), nameField(i),
                    ClassRefs.of(owner, c._package().name() + "." + SUPPORT).staticInvoke("name").arg(props.get(i).jsonName()));
        }
        Code.lines(codec.body(), "g.writeStartObject(value);\n"
                + "if (" + SUPPORT + ".alphabetical(ctxt)) {\n"
                + "    writeAlphabetical(value, g, ctxt);\n"
                + "} else {\n"
                + "    writeDeclared(value, g, ctxt);\n"
                + "}\n"
                + SUPPORT + ".unknownMembers(value.get" + Names.capitalize(ImmutableObjectRule.UNKNOWN_MEMBERS) + "(), g, ctxt);\n"
                + "g.writeEndObject();");

        List<Integer> declared = new ArrayList<>();
        for (int i = 0; i < props.size(); i++) {
            declared.add(i);
        }
        List<Integer> alphabetical = new ArrayList<>(declared);
        // Jackson sorts bean properties by their JSON name, String's natural order
        alphabetical.sort(Comparator.comparing(i -> props.get(i).jsonName()));
        membersMethod(codec, "writeDeclared", declared);
        membersMethod(codec, "writeAlphabetical", alphabetical);
    }

    private static String nameField(int index) {
        return "NAME_" + index;
    }

    private void membersMethod(CodecClass codec, String name, List<Integer> order) {
        JCodeModel owner = c.owner();
        JMethod m = codec.codec().method(JMod.PRIVATE | JMod.STATIC, owner.VOID, name);
        m.param(c, "value");
        m.param(codec.ref("tools.jackson.core.JsonGenerator"), "g");
        m.param(codec.ref("tools.jackson.databind.SerializationContext"), "ctxt");
        m._throws(codec.ref(CodecClass.JACKSON_EXCEPTION));
        for (int i : order) {
            member(m.body(), props.get(i), nameField(i), "v" + i);
        }
    }

    /** The statements writing one declared member, when present. */
    private void member(JBlock body, Property p, String nameField, String local) {
        // declared through CodeModel, so that List, Map and the value types are imported
        body.decl(p.type(), local, JExpr.ref("value").invoke(p.getter()));
        StringBuilder b = new StringBuilder();
        if (p.isList()) {
            b.append("if (!").append(local).append(".isEmpty()) {\n");
            b.append("    g.writeName(").append(nameField).append(");\n");
            b.append("    boolean ").append(local).append("Wrapped = ").append(SUPPORT).append(".startArray(").append(local).append(", g, ctxt);\n");
            b.append("    for (").append(Code.typeName(p.elementType(), c)).append(" e : ").append(local).append(") {\n");
            b.append("        ").append(write(p.elementType(), "e", p)).append(";\n");
            b.append("    }\n");
            b.append("    if (").append(local).append("Wrapped) {\n");
            b.append("        g.writeEndArray();\n");
            b.append("    }\n");
            b.append("}\n");
        } else if (p.isMap()) {
            List<JClass> parameters = ((JClass) p.type()).getTypeParameters();
            if (!parameters.get(0).fullName().equals(String.class.getName())) {
                throw new GenerationException("no generated writer for map keys of " + p.type().fullName() + " at " + c.fullName() + "." + p.jsonName());
            }
            write(p.elementType(), "e", p); // the table must know the value type, as the deserializer's reader must
            b.append("if (!").append(local).append(".isEmpty()) {\n");
            b.append("    g.writeName(").append(nameField).append(");\n");
            b.append("    ").append(SUPPORT).append(p.elementType().fullName().equals(String.class.getName()) ? ".stringMap(" : ".map(")
                    .append(local).append(", g, ctxt);\n");
            b.append("}\n");
        } else {
            b.append("if (").append(local).append(" != null) {\n");
            b.append("    g.writeName(").append(nameField).append(");\n");
            b.append("    ").append(write(p.type(), local, p)).append(";\n");
            b.append("}\n");
        }
        Code.lines(body, b.toString());
    }

    /** A statement writing one non-null value of {@code type}. */
    private String write(JType type, String value, Property p) {
        switch (factory.kindOf(type)) {
            case VALUE:
                return Code.typeName(type.erasure(), c) + "Serializer.INSTANCE.serialize(" + value + ", g, ctxt)";
            case OPEN_ENUM:
                return "g.writeString(" + value + ".value())";
            default:
                return Scalar.of(type, c.fullName() + "." + p.jsonName()).write(value);
        }
    }
}
