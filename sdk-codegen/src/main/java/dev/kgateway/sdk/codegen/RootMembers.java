package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JFieldVar;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JVar;

import java.util.ArrayList;
import java.util.List;

/**
 * What only the root type of a schema gets: its Kubernetes coordinates as constants (from the
 * {@code const} of {@code apiVersion} and {@code kind}, and the {@code x-kgateway-crd} block) and the
 * public {@code validate()} / {@code validateOrThrow()} entry points.
 */
final class RootMembers {

    private RootMembers() {
    }

    static void emit(JDefinedClass c, JsonNode node, List<Property> props) {
        JCodeModel owner = c.owner();
        String apiVersion = constOf(props, "apiVersion");
        String kind = constOf(props, "kind");
        if (apiVersion != null && kind != null) {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            JsonNode crd = node.path(SchemaKeywords.CRD);
            String plural = crd.path("plural").asText(kind.toLowerCase(java.util.Locale.ROOT) + "s");
            constant(c, "API_VERSION", apiVersion, "The {@code apiVersion} of every " + kind + ".");
            constant(c, "GROUP", group, "The API group.");
            constant(c, "VERSION", version, "The API version within the group.");
            constant(c, "KIND", kind, "The {@code kind}.");
            constant(c, "PLURAL", plural, "The resource name in API paths (plural).");
            constant(c, "CRD_NAME", plural + "." + group, "The name of the CustomResourceDefinition.");
        }

        JClass violation = ClassRefs.of(owner, c.getPackage().name() + ".Violation");
        JClass list = owner.ref(List.class).narrow(violation);
        JMethod validate = c.method(JMod.PUBLIC, list, "validate");
        JVar out = validate.body().decl(list, "out", JExpr._new(owner.ref(ArrayList.class).narrow(violation)));
        validate.body().invoke("collectViolations").arg(JExpr.lit("")).arg(out);
        validate.body()._return(owner.ref(List.class).staticInvoke("copyOf").arg(out));
        validate.javadoc().add("Checks this " + c.name() + " against every rule of the schema it was generated from."
                + "\n<pre>{@code\nfor (Violation v : backend.validate()) {\n    System.err.println(v.path() + \": \" + v.message());\n}\n}</pre>");
        validate.javadoc().addReturn().add("every violation (JSON path, rule, offending value), empty when valid");

        String exception = "Invalid" + c.name() + "Exception";
        JMethod validateOrThrow = c.method(JMod.PUBLIC, c, "validateOrThrow");
        validateOrThrow.body().decl(list, "violations", JExpr.invoke("validate"));
        Code.lines(validateOrThrow.body(), "if (!violations.isEmpty()) {\n    throw new " + exception + "(violations);\n}");
        validateOrThrow.body()._return(JExpr._this());
        validateOrThrow.javadoc().add("Returns this " + c.name() + " when it is valid; throws otherwise.");
        validateOrThrow.javadoc().addReturn().add("this object");
        validateOrThrow.javadoc().addThrows(ClassRefs.of(owner, c.getPackage().name() + "." + exception))
                .add("listing every violation");
    }

    private static String constOf(List<Property> props, String name) {
        for (Property p : props) {
            if (p.jsonName().equals(name) && p.schema().has("const")) {
                return p.schema().get("const").asText();
            }
        }
        return null;
    }

    private static void constant(JDefinedClass c, String name, String value, String doc) {
        JFieldVar field = c.field(JMod.PUBLIC | JMod.STATIC | JMod.FINAL, String.class, name, JExpr.lit(value));
        field.javadoc().add(doc);
    }
}
