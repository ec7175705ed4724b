package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.codemodel.JClass;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JDefinedClass;
import com.sun.codemodel.JExpr;
import com.sun.codemodel.JMethod;
import com.sun.codemodel.JMod;
import com.sun.codemodel.JType;
import org.jsonschema2pojo.Schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Writes {@code collectViolations(String path, List<Violation> out)} for one generated class: the
 * schema's keywords ({@code required}, {@code minLength}, {@code maxLength}, {@code pattern},
 * {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 * {@code minItems}, {@code maxItems}, {@code minProperties}, {@code maxProperties}, {@code const},
 * {@code enum}, {@code format: date-time}) and the {@code x-kgateway-union} declaration, as calls to
 * the model's {@code SchemaChecks}. Nested objects are checked by their own generated method.
 */
final class ValidationEmitter {

    private final ImmutablesRuleFactory factory;
    private final SchemaResolver resolver;
    private final JDefinedClass c;
    private final JsonNode node;
    private final Schema schema;
    private final List<Property> props;
    private final String where;
    private int variables;
    private int patterns;

    ValidationEmitter(ImmutablesRuleFactory factory, SchemaResolver resolver, JDefinedClass c, JsonNode node, Schema schema,
                      List<Property> props, String where) {
        this.factory = factory;
        this.resolver = resolver;
        this.c = c;
        this.node = node;
        this.schema = schema;
        this.props = props;
        this.where = where;
    }

    void emit() {
        StringBuilder body = new StringBuilder();
        for (Property p : props) {
            body.append(propertyChecks(p));
        }
        body.append(unionChecks());
        JCodeModel owner = c.owner();
        JMethod method = c.method(JMod.NONE, owner.VOID, "collectViolations");
        method.param(String.class, "path");
        method.param(owner.ref(List.class).narrow(owner.directClass(c.getPackage().name() + ".Violation")), "out");
        method.javadoc().add("Adds a violation to {@code out} for every schema rule this object (and what it holds) breaks;"
                + "\n{@code path} is this object's JSON path.");
        if (body.length() > 0) {
            method.body().directStatement(body.toString().stripTrailing());
        }
    }

    private String propertyChecks(Property p) {
        String value = variable("v");
        String path = variable("p");
        String checks = valueChecks(value, path, p.schema(), p.type());
        if (!p.required() && checks.isEmpty()) {
            return "";
        }
        StringBuilder code = new StringBuilder("{\n");
        code.append("    var ").append(value).append(" = ").append(p.getter()).append("();\n");
        code.append("    String ").append(path).append(" = SchemaChecks.child(path, ").append(lit(p.jsonName())).append(");\n");
        if (p.isCollection()) {
            // An empty collection is written as absent, so "required" and a size bound of at least
            // one would report the same defect twice; the size bound alone then speaks for both.
            if (p.required() && !sizeBoundCoversEmpty(p)) {
                code.append("    if (").append(value).append(".isEmpty()) {\n        SchemaChecks.missing(out, ").append(path).append(");\n    }\n");
            }
            code.append(indent(checks, "    "));
        } else {
            if (!p.required()) {
                code.append("    if (").append(value).append(" != null) {\n").append(indent(checks, "        ")).append("    }\n");
            } else {
                code.append("    if (").append(value).append(" == null) {\n        SchemaChecks.missing(out, ").append(path).append(");\n    }");
                if (!checks.isEmpty()) {
                    code.append(" else {\n").append(indent(checks, "        ")).append("    }");
                }
                code.append("\n");
            }
        }
        return code.append("}\n").toString();
    }

    /** Whether the collection's own size bound ({@code minItems}/{@code minProperties} >= 1) already rejects an empty one. */
    private static boolean sizeBoundCoversEmpty(Property p) {
        JsonNode bound = p.schema().get(p.isList() ? "minItems" : "minProperties");
        return bound != null && bound.canConvertToInt() && bound.asInt() >= 1;
    }

    /** Checks of one non-null value; empty when the schema states nothing to check. */
    private String valueChecks(String value, String path, JsonNode s, JType type) {
        StringBuilder code = new StringBuilder();
        switch (factory.kindOf(type)) {
            case VALUE:
                return value + ".collectViolations(" + path + ", out);\n";
            case OPEN_ENUM:
                code.append("SchemaChecks.knownEnum(out, ").append(path).append(", ").append(value).append(", ")
                        .append(type.name()).append(".knownValues());\n");
                break;
            default:
                break;
        }
        String typeName = type.erasure().fullName();
        if (typeName.equals(List.class.getName())) {
            bound(code, s, "minItems", "minItems", value, path);
            bound(code, s, "maxItems", "maxItems", value, path);
            JsonNode items = s.path("items");
            if (items.isObject()) {
                String item = variable("item");
                String itemPath = variable("itemPath");
                String index = variable("i");
                String itemChecks = valueChecks(item, itemPath, resolver.resolve(items, schema), elementType(type));
                if (!itemChecks.isEmpty()) {
                    code.append("for (int ").append(index).append(" = 0; ").append(index).append(" < ").append(value).append(".size(); ")
                            .append(index).append("++) {\n")
                            .append("    var ").append(item).append(" = ").append(value).append(".get(").append(index).append(");\n")
                            .append("    String ").append(itemPath).append(" = SchemaChecks.index(").append(path).append(", ").append(index).append(");\n")
                            .append(indent(itemChecks, "    ")).append("}\n");
                }
            }
        } else if (typeName.equals(Map.class.getName())) {
            bound(code, s, "minProperties", "minProperties", value, path);
            bound(code, s, "maxProperties", "maxProperties", value, path);
            JsonNode values = s.path("additionalProperties");
            if (values.isObject()) {
                String entry = variable("entry");
                String entryValue = variable("entryValue");
                String entryPath = variable("entryPath");
                String valueChecks = valueChecks(entryValue, entryPath, resolver.resolve(values, schema), elementType(type));
                if (!valueChecks.isEmpty()) {
                    code.append("for (var ").append(entry).append(" : ").append(value).append(".entrySet()) {\n")
                            .append("    var ").append(entryValue).append(" = ").append(entry).append(".getValue();\n")
                            .append("    String ").append(entryPath).append(" = SchemaChecks.key(").append(path).append(", ")
                            .append(entry).append(".getKey());\n")
                            .append(indent(valueChecks, "    ")).append("}\n");
                }
            }
        } else if (typeName.equals(String.class.getName())) {
            bound(code, s, "minLength", "minLength", value, path);
            bound(code, s, "maxLength", "maxLength", value, path);
            if (s.has("pattern")) {
                code.append("SchemaChecks.pattern(out, ").append(path).append(", ").append(value).append(", ")
                        .append(patternField(s.get("pattern").asText())).append(");\n");
            }
            if ("date-time".equals(s.path("format").asText())) {
                code.append("SchemaChecks.dateTime(out, ").append(path).append(", ").append(value).append(");\n");
            }
        } else if (isNumber(typeName)) {
            for (String keyword : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
                if (s.has(keyword)) {
                    if (!s.get(keyword).isNumber()) {
                        throw new GenerationException(keyword + " at " + where + " must be a number (JSON Schema 2020-12)");
                    }
                    code.append("SchemaChecks.").append(keyword).append("(out, ").append(path).append(", ").append(value).append(", ")
                            .append(s.get(keyword).asText()).append("d);\n");
                }
            }
        }
        if (s.has("const")) {
            code.append("SchemaChecks.constant(out, ").append(path).append(", ").append(value).append(", ")
                    .append(lit(s.get("const").asText())).append(");\n");
        }
        return code.toString();
    }

    private String unionChecks() {
        JsonNode union = node.get(SchemaKeywords.UNION);
        if (union == null) {
            return "";
        }
        String discriminatorName = union.path("discriminator").asText("");
        Property discriminator = property(discriminatorName, "discriminator");
        JsonNode members = union.path("members");
        if (!members.isObject() || members.isEmpty()) {
            throw new GenerationException(SchemaKeywords.UNION + " at " + where + " needs a non-empty \"members\" object");
        }
        Map<String, Set<String>> valuesByMember = new LinkedHashMap<>();
        List<String> allValues = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            allValues.add(member.getKey());
            if (!member.getValue().isNull()) {
                valuesByMember.computeIfAbsent(member.getValue().asText(), k -> new LinkedHashSet<>()).add(member.getKey());
            }
        }
        JsonNode declared = discriminator.schema().path("enum");
        if (declared.isArray()) {
            Set<String> enumValues = new LinkedHashSet<>();
            declared.forEach(v -> enumValues.add(v.asText()));
            if (!enumValues.equals(new LinkedHashSet<>(allValues))) {
                throw new GenerationException(SchemaKeywords.UNION + " at " + where + " lists members " + allValues
                        + " but '" + discriminatorName + "' allows " + enumValues + ": they must be the same values");
            }
        }
        String d = variable("discriminator");
        StringBuilder code = new StringBuilder("{\n");
        code.append("    var ").append(d).append("Value = ").append(discriminator.getter()).append("();\n");
        code.append("    String ").append(d).append(" = ").append(d).append("Value == null ? null : ").append(d).append("Value.toString();\n");
        code.append("    if (").append(d).append(" != null && SchemaChecks.oneOf(").append(d);
        for (String v : allValues) {
            code.append(", ").append(lit(v));
        }
        code.append(")) {\n");
        for (Map.Entry<String, Set<String>> member : valuesByMember.entrySet()) {
            Property block = property(member.getKey(), "member");
            StringBuilder selected = new StringBuilder();
            for (String v : member.getValue()) {
                selected.append(selected.length() == 0 ? "" : " || ").append(lit(v)).append(".equals(").append(d).append(")");
            }
            String present = block.isCollection() ? "!" + block.getter() + "().isEmpty()" : block.getter() + "() != null";
            code.append("        SchemaChecks.unionMember(out, path, ").append(lit(discriminatorName)).append(", ").append(d).append(", ")
                    .append(lit(block.jsonName())).append(", ").append(selected).append(", ").append(present).append(");\n");
        }
        code.append("    }\n}\n");
        return code.toString();
    }

    private Property property(String jsonName, String role) {
        for (Property p : props) {
            if (p.jsonName().equals(jsonName)) {
                return p;
            }
        }
        throw new GenerationException(SchemaKeywords.UNION + " at " + where + " names " + role + " '" + jsonName
                + "', which is not a property of that object");
    }

    private void bound(StringBuilder code, JsonNode s, String keyword, String check, String value, String path) {
        if (s.has(keyword)) {
            if (!s.get(keyword).canConvertToInt()) {
                throw new GenerationException(keyword + " at " + where + " must be a non-negative integer");
            }
            code.append("SchemaChecks.").append(check).append("(out, ").append(path).append(", ").append(value).append(", ")
                    .append(s.get(keyword).asInt()).append(");\n");
        }
    }

    private String patternField(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new GenerationException("pattern at " + where + " is not a valid regular expression: " + e.getDescription());
        }
        String name = "PATTERN_" + patterns++;
        JCodeModel owner = c.owner();
        c.field(JMod.PRIVATE | JMod.STATIC | JMod.FINAL, Pattern.class, name,
                owner.ref(Pattern.class).staticInvoke("compile").arg(JExpr.lit(regex)));
        return name;
    }

    private static boolean isNumber(String typeName) {
        return typeName.equals(Integer.class.getName()) || typeName.equals(Long.class.getName())
                || typeName.equals(Double.class.getName()) || typeName.equals(java.math.BigDecimal.class.getName())
                || typeName.equals(java.math.BigInteger.class.getName());
    }

    private static JType elementType(JType type) {
        List<JClass> parameters = ((JClass) type).getTypeParameters();
        return parameters.get(parameters.size() - 1);
    }

    private String variable(String stem) {
        return stem + variables++;
    }

    private static String indent(String code, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append(prefix).append(line).append("\n");
            }
        }
        return out.toString();
    }

    static String lit(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
