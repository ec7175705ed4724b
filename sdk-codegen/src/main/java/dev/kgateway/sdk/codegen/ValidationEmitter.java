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
    private final Map<Property, MemberDocs> docs;
    private int variables;
    private int patterns;

    ValidationEmitter(ImmutablesRuleFactory factory, SchemaResolver resolver, JDefinedClass c, JsonNode node, Schema schema,
                      List<Property> props, String where, Map<Property, MemberDocs> docs) {
        this.factory = factory;
        this.resolver = resolver;
        this.c = c;
        this.node = node;
        this.schema = schema;
        this.props = props;
        this.where = where;
        this.docs = docs;
    }

    void emit() {
        StringBuilder body = new StringBuilder();
        for (Property p : props) {
            body.append(seedOnlyCheck(p));
            body.append(propertyChecks(p));
        }
        body.append(unionChecks());
        body.append(requirementChecks());
        JCodeModel owner = c.owner();
        JMethod method = c.method(JMod.NONE, owner.VOID, "collectViolations");
        method.param(String.class, "path");
        method.param(owner.ref(List.class).narrow(ClassRefs.of(owner, c.getPackage().name() + ".Violation")), "out");
        method.javadoc().add("Adds a violation to {@code out} for every schema rule this object (and what it holds) breaks;"
                + "\n{@code path} is this object's JSON path.");
        if (body.length() > 0) {
            Code.lines(method.body(), body.toString().stripTrailing());
        }
    }

    /** A member no kgateway release serves (only the seed schema): reported when set, naming what to use instead. */
    private String seedOnlyCheck(Property p) {
        MemberDocs doc = docs.get(p);
        MemberDocs.SeedOnly seedOnly = doc == null ? null : doc.seedOnly();
        if (seedOnly == null) {
            return "";
        }
        return "if (" + presence(p) + ") {\n    SchemaChecks.seedOnly(out, SchemaChecks.child(path, " + lit(p.jsonName()) + "), "
                + p.getter() + "(), " + lit(seedOnly.message()) + ");\n}\n";
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
            if (p.required()) {
                code.append(indent(checks, "    "));
            } else {
                // An optional collection that is empty is absent (it is not written): no size bound applies.
                code.append("    if (!").append(value).append(".isEmpty()) {\n").append(indent(checks, "        ")).append("    }\n");
            }
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
            String entry = variable("entry");
            String entryValue = variable("entryValue");
            String entryPath = variable("entryPath");
            String valueChecks = values.isObject() ? valueChecks(entryValue, entryPath, resolver.resolve(values, schema), elementType(type)) : "";
            String keyChecks = keyChecks(entry + ".getKey()", entryPath, s.path("propertyNames"));
            valueChecks = keyChecks + valueChecks;
            {
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
                        .append(patternField(s.get("pattern").asText())).append(", ").append(lit(s.get("pattern").asText())).append(");\n");
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

    /**
     * The union's checks. A discriminator that selects a block decides alone (that block is
     * required, every other block must be absent), which already means exactly one; the block count
     * ({@code count}) is checked when no discriminator value selects a block (absent, unknown, or a
     * value without a block), so one defect is reported once.
     */
    private String unionChecks() {
        ObjectRules.Union union = ObjectRules.union(plain(node.get(SchemaKeywords.UNION)), where);
        if (union == null) {
            return "";
        }
        StringBuilder code = new StringBuilder();
        String countCheck = "";
        if (union.count() != ObjectRules.Count.ANY) {
            StringBuilder count = new StringBuilder("SchemaChecks.unionCount(out, path, ").append(union.count() == ObjectRules.Count.EXACTLY_ONE)
                    .append(", new String[] {");
            StringBuilder present = new StringBuilder();
            for (int i = 0; i < union.blocks().size(); i++) {
                Property block = property(union.blocks().get(i), "block");
                count.append(i == 0 ? "" : ", ").append(lit(block.jsonName()));
                present.append(i == 0 ? "" : ", ").append(presence(block));
            }
            countCheck = count.append("}, ").append(present).append(");\n").toString();
        }
        if (union.discriminator() == null) {
            return countCheck;
        }
        String discriminatorName = union.discriminator();
        Property discriminator = property(discriminatorName, "discriminator");
        List<String> allValues = new ArrayList<>(union.members().keySet());
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
        code.append("{\n");
        code.append("    var ").append(d).append("Value = ").append(discriminator.getter()).append("();\n");
        code.append("    String ").append(d).append(" = ").append(d).append("Value == null ? null : ").append(d).append("Value.toString();\n");
        code.append("    if (").append(d).append(" != null && SchemaChecks.oneOf(").append(d);
        for (String v : allValues) {
            code.append(", ").append(lit(v));
        }
        code.append(")) {\n");
        Map<String, List<String>> valuesByBlock = union.valuesByBlock();
        for (String blockName : union.blocks()) {
            Property block = property(blockName, "member");
            List<String> values = valuesByBlock.getOrDefault(blockName, List.of());
            StringBuilder selected = new StringBuilder();
            for (String v : values) {
                selected.append(selected.length() == 0 ? "" : " || ").append(lit(v)).append(".equals(").append(d).append(")");
            }
            code.append("        SchemaChecks.unionMember(out, path, ").append(lit(discriminatorName)).append(", ").append(d).append(", ")
                    .append(lit(block.jsonName())).append(", ").append(selected.length() == 0 ? "false" : selected).append(", ")
                    .append(presence(block)).append(");\n");
        }
        code.append("    }\n");
        if (!countCheck.isEmpty()) {
            List<String> selecting = new ArrayList<>();
            union.members().forEach((value, block) -> {
                if (block != null) {
                    selecting.add(lit(value));
                }
            });
            code.append("    if (").append(d).append(" == null || !SchemaChecks.oneOf(").append(d).append(", ")
                    .append(String.join(", ", selecting)).append(")) {\n").append(indent(countCheck, "        ")).append("    }\n");
        }
        code.append("}\n");
        return code.toString();
    }

    /** {@code x-kgateway-requires}: one check per entry. */
    private String requirementChecks() {
        List<ObjectRules.Requirement> requirements = ObjectRules.requirements(plain(node.get(SchemaKeywords.REQUIRES)), where);
        StringBuilder code = new StringBuilder();
        for (ObjectRules.Requirement r : requirements) {
            String trigger = "true";
            if (r.when() != null) {
                trigger = presence(property(r.when(), "\"when\" member"));
            } else if (r.unless() != null) {
                trigger = "!(" + presence(property(r.unless(), "\"unless\" member")) + ")";
            }
            StringBuilder satisfied = new StringBuilder();
            for (String name : r.anyOf()) {
                satisfied.append(satisfied.length() == 0 ? "" : " || ").append(dottedPresence(name));
            }
            String target = r.anyOf().size() == 1 ? "SchemaChecks.child(path, " + lit(r.anyOf().get(0)) + ")" : "path";
            String message = r.anyOf().size() == 1 ? "is required " + r.condition()
                    : "one of " + String.join(", ", r.anyOf()) + " is required " + r.condition();
            code.append("if (").append(trigger).append(" && !(").append(satisfied).append(")) {\n")
                    .append("    SchemaChecks.missing(out, ").append(target).append(", ").append(lit(message)).append(");\n}\n");
        }
        return code.toString();
    }

    /** Java expression: the member is set (non-null; non-empty for collections). */
    private static String presence(Property p) {
        return p.isCollection() ? "!" + p.getter() + "().isEmpty()" : p.getter() + "() != null";
    }

    /** Java expression for {@code a.b.c}: every step set, reading through object members. */
    private String dottedPresence(String dotted) {
        String[] steps = dotted.split("\\.");
        Property first = property(steps[0], "\"anyOf\" member");
        if (steps.length == 1) {
            return presence(first);
        }
        StringBuilder expr = new StringBuilder("(");
        String access = first.getter() + "()";
        JsonNode current = first.schema();
        expr.append(access).append(" != null");
        for (int i = 1; i < steps.length; i++) {
            JsonNode member = current.path("properties").path(steps[i]);
            if (member.isMissingNode()) {
                throw new GenerationException(SchemaKeywords.REQUIRES + " at " + where + " names '" + dotted + "', but '" + steps[i]
                        + "' is not a property there");
            }
            access = access + ".get" + Names.capitalize(Names.propertyName(steps[i], member, where + " (" + dotted + ")")) + "()";
            current = resolver.resolve(member, schema);
            boolean collection = "array".equals(current.path("type").asText())
                    || ("object".equals(current.path("type").asText()) && !current.has("properties"));
            expr.append(" && ").append(collection ? "!" + access + ".isEmpty()" : access + " != null");
        }
        return expr.append(")").toString();
    }

    /** The JSON of a keyword as plain Java values (maps, lists, strings), as {@link ObjectRules} reads it. */
    private static Object plain(JsonNode value) {
        return value == null ? null : new com.fasterxml.jackson.databind.ObjectMapper().convertValue(value, Object.class);
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
                owner.ref(Pattern.class).staticInvoke("compile").arg(JExpr.lit(anchorAtEndOfInput(regex))));
        return name;
    }

    /**
     * The regular expression with every end anchor {@code $} (outside a character class, not
     * escaped) replaced by <code>\z</code>. The API server's (Go) {@code $} matches only at the very end
     * of the text; Java's also before a final line terminator, which would let {@code "web\n"} (a newline at the end) pass
     * a name pattern. Violation messages show the schema's own pattern.
     */
    static String anchorAtEndOfInput(String regex) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char ch = regex.charAt(i);
            if (ch == '\\' && i + 1 < regex.length()) {
                out.append(ch).append(regex.charAt(++i));
            } else if (inClass) {
                inClass = ch != ']';
                out.append(ch);
            } else if (ch == '[') {
                inClass = true;
                out.append(ch);
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    out.append(regex.charAt(++i));
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    out.append(regex.charAt(++i));
                }
            } else if (ch == '$') {
                out.append("\\z");
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Checks of a map key against {@code propertyNames}: string bounds, pattern and the {@code k8s-qualified-name} format. */
    private String keyChecks(String key, String path, JsonNode names) {
        if (names.isMissingNode()) {
            return "";
        }
        StringBuilder code = new StringBuilder();
        if (names.has("pattern")) {
            code.append("SchemaChecks.keyPattern(out, ").append(path).append(", ").append(key).append(", ")
                    .append(patternField(names.get("pattern").asText())).append(", ").append(lit(names.get("pattern").asText())).append(");\n");
        }
        if (names.has("maxLength")) {
            code.append("SchemaChecks.keyMaxLength(out, ").append(path).append(", ").append(key).append(", ")
                    .append(names.get("maxLength").asInt()).append(");\n");
        }
        String format = names.path("format").asText("");
        if (format.equals(QUALIFIED_NAME)) {
            code.append("SchemaChecks.qualifiedName(out, ").append(path).append(", ").append(key).append(");\n");
        } else if (!format.isEmpty()) {
            throw new GenerationException("propertyNames at " + where + " has format '" + format + "'; the generator knows only "
                    + QUALIFIED_NAME);
        }
        for (java.util.Iterator<String> it = names.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!Set.of("type", "pattern", "maxLength", "format", "description").contains(keyword)) {
                throw new GenerationException("propertyNames at " + where + " uses '" + keyword + "', which the generator does not check");
            }
        }
        return code.toString();
    }

    /** The {@code format} of a key that must be a Kubernetes qualified name (label and annotation keys). */
    static final String QUALIFIED_NAME = "k8s-qualified-name";

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
