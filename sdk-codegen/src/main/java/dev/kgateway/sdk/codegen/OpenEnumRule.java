package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JClassAlreadyExistsException;
import com.sun.codemodel.JClassContainer;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JInvocation;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JPackage;
import com.sun.codemodel.JType;
import com.sun.codemodel.JVar;
import org.jsonschema2pojo.Schema;
import org.jsonschema2pojo.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a string {@code enum} into an <em>open</em> enum: a final class with one constant per known
 * value, and instances for values the schema does not list, so a value written by a newer server
 * ({@code "type": "GCP"}) is read, kept and written back unchanged.
 */
final class OpenEnumRule implements Rule<JClassContainer, JType> {

    /** The {@code Known} constant for every value the schema does not list. */
    static final String UNRECOGNIZED = "UNRECOGNIZED";

    private final ImmutablesRuleFactory factory;

    OpenEnumRule(ImmutablesRuleFactory factory) {
        this.factory = factory;
    }

    @Override
    public JType apply(String nodeName, JsonNode node, JsonNode parent, JClassContainer container, Schema schema) {
        String where = schema.getId() == null ? nodeName : schema.getId().toString();
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.get("enum")) {
            if (!value.isTextual()) {
                throw new GenerationException("enum at " + where + " has a non-string value " + value + "; only string enums are supported");
            }
            values.add(value.asText());
        }
        JPackage pkg = container.getPackage();
        JCodeModel owner = pkg.owner();
        String className = Names.className(nodeName, node);
        JDefinedClass c = factory.defineClass(pkg, JMod.PUBLIC | JMod.FINAL, className, schema, where,
                ImmutablesRuleFactory.GeneratedKind.OPEN_ENUM);
        c._implements(ClassRefs.of(owner, pkg.name() + ".OpenEnum"));

        String description = MemberDocs.html(node.path("description").asText("Values of " + nodeName + "."));
        c.javadoc().add(description
                + "\n<p>An open enum: the known values are constants; a value this SDK does not know is still read,"
                + "\nkept and written back ({@link #isKnown()} is then {@code false}).\n"
                + "<pre>{@code\n" + className + " known = " + className + "." + Names.constantName(values.get(0)) + ";\n"
                + className + " parsed = " + className + ".of(\"" + values.get(0) + "\"); // same constant\n"
                + "boolean future = !" + className + ".of(\"SomethingNew\").isKnown(); // true\n}</pre>"
                + "\n<p>For {@code switch}, {@link java.util.EnumSet} and {@link java.util.EnumMap}, {@link #known()} gives a real"
                + "\nJava enum, {@link Known}, with {@link Known#" + UNRECOGNIZED + "} for every value this SDK does not know:\n"
                + "<pre>{@code\nswitch (value.known()) {\n    case " + Names.constantName(values.get(0)) + " -> ...;\n    case "
                + UNRECOGNIZED + " -> log(\"newer than this SDK: \" + value.value());\n    default -> ...;\n}\n}</pre>");

        JClass string = owner.ref(String.class);
        JFieldVar valueField = c.field(JMod.PRIVATE | JMod.FINAL, string, "value");
        JDefinedClass knownEnum = knownEnum(c, where);
        JFieldVar knownField = c.field(JMod.PRIVATE | JMod.FINAL, knownEnum, "known");

        JInvocation knownList = owner.ref(List.class).staticInvoke("of");
        Map<String, String> valueByConstant = new LinkedHashMap<>();
        for (String value : values) {
            String constant = Names.constantName(value);
            if (constant.equals("KNOWN") || constant.equals(UNRECOGNIZED)) {
                throw new GenerationException("enum at " + where + " has the value '" + value
                        + "', whose Java constant " + constant + " is reserved (KNOWN for the list of known values, "
                        + UNRECOGNIZED + " for the values this SDK does not know)");
            }
            String clash = valueByConstant.put(constant, value);
            if (clash != null) {
                throw new GenerationException("enum at " + where + " has the values '" + clash + "' and '" + value
                        + "', which both map to the Java constant " + constant + "; only one can be represented");
            }
            JFieldVar field = c.field(JMod.PUBLIC | JMod.STATIC | JMod.FINAL, c, constant,
                    JExpr._new(c).arg(JExpr.lit(value)).arg(knownEnum.staticRef(constant)));
            knownEnum.enumConstant(constant).javadoc().add("The value {@code \"" + value + "\"}: {@link " + className + "#" + constant + "}.");
            field.javadoc().add("The value {@code \"" + value + "\"}.");
            knownList.arg(JExpr.ref(constant));
        }
        JClass listOfC = owner.ref(List.class).narrow(c);
        c.field(JMod.PRIVATE | JMod.STATIC | JMod.FINAL, listOfC, "KNOWN", knownList);

        JMethod ctor = c.constructor(JMod.PRIVATE);
        JVar ctorValue = ctor.param(string, "value");
        JVar ctorKnown = ctor.param(knownEnum, "known");
        ctor.body().assign(JExpr._this().ref(valueField), ctorValue);
        ctor.body().assign(JExpr._this().ref(knownField), ctorKnown);

        JMethod of = c.method(JMod.PUBLIC | JMod.STATIC, c, "of");
        of.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonCreator"))
                .param("mode", ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonCreator.Mode").staticRef("DELEGATING"));
        JVar ofValue = of.param(string, "value");
        of.body().add(owner.ref(Objects.class).staticInvoke("requireNonNull").arg(ofValue).arg(JExpr.lit("value")));
        Code.lines(of.body(), "for (" + className + " candidate : KNOWN) {\n"
                + "    if (candidate.value.equals(value)) {\n"
                + "        return candidate;\n"
                + "    }\n"
                + "}");
        of.body()._return(JExpr._new(c).arg(ofValue).arg(knownEnum.staticRef(UNRECOGNIZED)));
        of.javadoc().add("The constant for a known value, or a new instance that keeps an unknown one.");
        of.javadoc().addParam(ofValue).add("the JSON value, never null");
        of.javadoc().addReturn().add("the constant, or an instance holding the unknown value");

        JMethod value = c.method(JMod.PUBLIC, string, "value");
        value.annotate(Override.class);
        value.annotate(ClassRefs.of(owner, "com.fasterxml.jackson.annotation.JsonValue"));
        value.body()._return(valueField);
        value.javadoc().add("The JSON value, exactly as read or declared.");
        value.javadoc().addReturn().add("the value");

        JMethod isKnown = c.method(JMod.PUBLIC, owner.BOOLEAN, "isKnown");
        isKnown.annotate(Override.class);
        isKnown.body()._return(knownField.ne(knownEnum.staticRef(UNRECOGNIZED)));
        isKnown.javadoc().add("Whether the schema this SDK was built from lists this value.");
        isKnown.javadoc().addReturn().add("{@code true} for the constants");

        knownEnum.enumConstant(UNRECOGNIZED).javadoc().add("Any value this SDK does not know: {@link " + className
                + "#value()} holds it.");
        JMethod known = c.method(JMod.PUBLIC, knownEnum, "known");
        known.annotate(Override.class);
        known.body()._return(knownField);
        known.javadoc().add("This value as a real Java enum, for {@code switch}, {@code EnumSet} and {@code EnumMap}.");
        known.javadoc().addReturn().add("the matching {@link Known} constant, or {@link Known#" + UNRECOGNIZED
                + "} for a value this SDK does not know");

        JMethod fromKnown = c.method(JMod.PUBLIC | JMod.STATIC, c, "fromKnown");
        JVar knownParam = fromKnown.param(knownEnum, "known");
        StringBuilder cases = new StringBuilder("switch (known) {\n");
        for (String constant : valueByConstant.keySet()) {
            cases.append("    case ").append(constant).append(":\n        return ").append(className).append('.').append(constant).append(";\n");
        }
        cases.append("    default:\n        throw new IllegalArgumentException(\"").append(UNRECOGNIZED)
                .append(" stands for every value this SDK does not know; use ").append(className).append(".of(String)\");\n}");
        Code.lines(fromKnown.body(), cases.toString());
        fromKnown.javadoc().add("The open enum constant for a {@link Known} constant: the reverse of {@link #known()}.");
        fromKnown.javadoc().addParam(knownParam).add("a known constant, not {@link Known#" + UNRECOGNIZED + "}");
        fromKnown.javadoc().addReturn().add("the constant holding the same value");
        fromKnown.javadoc().addThrows(IllegalArgumentException.class).add("for {@link Known#" + UNRECOGNIZED + "}, which has no value");

        JMethod knownValues = c.method(JMod.PUBLIC | JMod.STATIC, listOfC, "knownValues");
        knownValues.body()._return(JExpr.ref("KNOWN"));
        knownValues.javadoc().add("The known values, in schema order.");
        knownValues.javadoc().addReturn().add("an immutable list of the constants");

        JMethod equals = c.method(JMod.PUBLIC, owner.BOOLEAN, "equals");
        equals.annotate(Override.class);
        equals.javadoc().add("Equal when the values are equal.");
        equals.javadoc().addReturn().add("whether {@code other} holds the same value");
        JVar other = equals.param(Object.class, "other");
        equals.javadoc().addParam(other).add("another object");
        Code.lines(equals.body(), "return this == other || other instanceof " + className
                + " && ((" + className + ") other).value.equals(value);");

        JMethod hashCode = c.method(JMod.PUBLIC, owner.INT, "hashCode");
        hashCode.annotate(Override.class);
        hashCode.javadoc().add("The value's hash code.");
        hashCode.javadoc().addReturn().add("the hash code");
        hashCode.body()._return(valueField.invoke("hashCode"));

        JMethod toString = c.method(JMod.PUBLIC, string, "toString");
        toString.annotate(Override.class);
        toString.body()._return(valueField);
        toString.javadoc().add("The JSON value.");
        toString.javadoc().addReturn().add("the value");
        return c;
    }

    /** The nested {@code enum Known}; its constants are added with the open enum's. */
    private static JDefinedClass knownEnum(JDefinedClass c, String where) {
        try {
            JDefinedClass known = c._enum(JMod.PUBLIC, "Known");
            known.javadoc().add("The values of {@link " + c.name() + "} as a real Java enum, in schema order, and {@link #"
                    + UNRECOGNIZED + "}\nfor the rest: usable in {@code switch}, {@link java.util.EnumSet} and {@link java.util.EnumMap}."
                    + "\nFrom an open enum: {@link " + c.name() + "#known()}; back: {@link " + c.name() + "#fromKnown(Known)}.");
            return known;
        } catch (JClassAlreadyExistsException e) {
            throw new GenerationException("enum at " + where + " already has a nested type Known");
        }
    }
}
