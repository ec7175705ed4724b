package dev.kgateway.sdk.codegen.crd;

import dev.kgateway.sdk.codegen.GenerationException;
import dev.kgateway.sdk.codegen.ObjectRules;
import dev.kgateway.sdk.codegen.SchemaKeywords;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON Schema of a root type into an {@code apiextensions.k8s.io/v1} CRD:
 * <ul>
 *   <li>{@code $ref}s are inlined and {@code $defs}, {@code $schema}, {@code $id}, {@code javaType},
 *       {@code javaName} and every {@code x-kgateway-*} keyword are dropped;</li>
 *   <li>{@code const} becomes a one-value {@code enum}; {@code metadata} becomes {@code type: object}
 *       (the API server owns its schema);</li>
 *   <li>every {@code x-kgateway-union} and {@code x-kgateway-requires} becomes {@code x-kubernetes-validations} CEL rules;</li>
 *   <li>every object with properties keeps unknown members
 *       ({@code x-kubernetes-preserve-unknown-fields}), as the SDK itself does;</li>
 *   <li>names, scope, printer columns and the status subresource come from {@code x-kgateway-crd}.</li>
 * </ul>
 */
public final class CrdBuilder {

    /** JSON Schema keywords that structural OpenAPI v3 schemas in a CRD accept as they are. */
    private static final Set<String> COPIED = Set.of("type", "description", "title", "format", "pattern", "minLength", "maxLength",
            "minimum", "maximum", "minItems", "maxItems", "minProperties", "maxProperties", "uniqueItems", "enum", "default",
            "nullable", "required");

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private JsonNode root;

    /**
     * @param schema the root JSON Schema (with {@code const} apiVersion and kind)
     * @return the CRD document
     * @throws GenerationException when the schema lacks what a CRD needs; the message names the path
     */
    public ObjectNode build(JsonNode schema) {
        this.root = schema;
        JsonNode props = schema.path("properties");
        String apiVersion = props.path("apiVersion").path("const").asText("");
        String kind = props.path("kind").path("const").asText("");
        int slash = apiVersion.indexOf('/');
        if (slash < 1 || kind.isEmpty()) {
            throw new GenerationException("the root schema needs \"const\" values for apiVersion (group/version) and kind");
        }
        String group = apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        JsonNode info = schema.path(SchemaKeywords.CRD);
        String plural = info.path("plural").asText(kind.toLowerCase(java.util.Locale.ROOT) + "s");

        ObjectNode crd = nodes.objectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        crd.putObject("metadata").put("name", plural + "." + group);
        ObjectNode spec = crd.putObject("spec");
        spec.put("group", group);
        ObjectNode names = spec.putObject("names");
        names.put("kind", kind);
        names.put("listKind", info.path("listKind").asText(kind + "List"));
        names.put("plural", plural);
        names.put("singular", info.path("singular").asText(kind.toLowerCase(java.util.Locale.ROOT)));
        if (info.has("categories")) {
            names.set("categories", info.get("categories").deepCopy());
        }
        if (info.has("shortNames")) {
            names.set("shortNames", info.get("shortNames").deepCopy());
        }
        spec.put("scope", info.path("scope").asText("Namespaced"));
        ObjectNode v = spec.putArray("versions").addObject();
        v.put("name", version);
        v.put("served", true);
        v.put("storage", true);
        if (info.has("printerColumns")) {
            v.set("additionalPrinterColumns", info.get("printerColumns").deepCopy());
        }
        v.putObject("schema").set("openAPIV3Schema", rootSchema(schema));
        if (props.has("status")) {
            v.putObject("subresources").putObject("status");
        }
        return crd;
    }

    private ObjectNode rootSchema(JsonNode schema) {
        ObjectNode out = nodes.objectNode();
        out.put("type", "object");
        if (schema.has("description")) {
            out.put("description", schema.get("description").asText());
        }
        ObjectNode properties = out.putObject("properties");
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            switch (p.getKey()) {
                case "apiVersion", "kind" -> properties.putObject(p.getKey()).put("type", "string")
                        .put("description", p.getValue().path("description").asText(""));
                case "metadata" -> properties.putObject("metadata").put("type", "object");
                default -> properties.set(p.getKey(), convert(p.getValue(), "#/properties/" + p.getKey()));
            }
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> {
            if (Set.of("spec").contains(r.asText())) {
                required.add(r.asText());
            }
        });
        if (!required.isEmpty()) {
            ArrayNode array = out.putArray("required");
            required.forEach(array::add);
        }
        return out;
    }

    private ObjectNode convert(JsonNode node, String path) {
        JsonNode target = resolve(node, path);
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : target.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (COPIED.contains(key)) {
                out.set(key, value.deepCopy());
            } else if (key.equals("const")) {
                out.putArray("enum").add(value.deepCopy());
            } else if (key.equals("properties")) {
                ObjectNode props = out.putObject("properties");
                for (Map.Entry<String, JsonNode> p : value.properties()) {
                    props.set(p.getKey(), convert(p.getValue(), path + "/properties/" + p.getKey()));
                }
            } else if (key.equals("items")) {
                out.set("items", convert(value, path + "/items"));
            } else if (key.equals("additionalProperties")) {
                if (value.isObject()) {
                    out.set("additionalProperties", convert(value, path + "/additionalProperties"));
                }
            } else if (key.startsWith("x-kubernetes-")) {
                out.set(key, value.deepCopy());
            }
        }
        if (target.has("properties")) {
            out.put("x-kubernetes-preserve-unknown-fields", true);
        }
        List<ObjectNode> rules = new ArrayList<>();
        JsonNode union = target.get(SchemaKeywords.UNION);
        if (union != null) {
            rules.addAll(unionRules(union, path));
        }
        JsonNode requires = target.get(SchemaKeywords.REQUIRES);
        if (requires != null) {
            rules.addAll(requirementRules(requires, path));
        }
        if (!rules.isEmpty()) {
            ArrayNode array = out.has("x-kubernetes-validations") ? (ArrayNode) out.get("x-kubernetes-validations")
                    : out.putArray("x-kubernetes-validations");
            rules.forEach(array::add);
        }
        return out;
    }

    /**
     * The union's CEL rules, as kgateway writes its own: the block count
     * ({@code [has(self.a),has(self.b)].filter(x,x==true).size() == 1}), and one rule per block that a
     * discriminator value selects: it is set exactly when the discriminator selects it.
     */
    static List<ObjectNode> unionRules(JsonNode union, String path) {
        ObjectRules.Union u = ObjectRules.union(PLAIN.convertValue(union, Object.class), path);
        List<ObjectNode> rules = new ArrayList<>();
        if (u.count() != ObjectRules.Count.ANY) {
            StringBuilder list = new StringBuilder("[");
            for (String block : u.blocks()) {
                list.append(list.length() == 1 ? "" : ",").append("has(self.").append(celField(block, path)).append(")");
            }
            boolean exactly = u.count() == ObjectRules.Count.EXACTLY_ONE;
            rules.add(rule(list + "].filter(x,x==true).size() " + (exactly ? "== 1" : "<= 1"),
                    (exactly ? "exactly one" : "at most one") + " of the fields in [" + String.join(" ", u.blocks()) + "] must be set"));
        }
        if (u.discriminator() == null) {
            return rules;
        }
        String discriminator = u.discriminator();
        String d = celField(discriminator, path);
        Map<String, List<String>> valuesByBlock = u.valuesByBlock();
        for (String field : u.blocks()) {
            List<String> values = valuesByBlock.getOrDefault(field, List.of());
            if (values.isEmpty()) {
                rules.add(rule("!has(self." + d + ") || !has(self." + celField(field, path) + ")",
                        field + " must not be set when " + discriminator + " is set"));
                continue;
            }
            StringBuilder selected = new StringBuilder();
            for (String value : values) {
                selected.append(selected.length() == 0 ? "" : " || ").append("self.").append(d).append(" == ").append(celString(value));
            }
            rules.add(rule("!has(self." + d + ") || ((" + selected + ") == has(self." + celField(field, path) + "))",
                    field + " must be set if and only if " + discriminator + " is " + String.join(" or ", values)));
        }
        return rules;
    }

    /** One CEL rule per {@code x-kgateway-requires} entry: {@code !has(self.lambda) || has(self.accountId) || ...}. */
    static List<ObjectNode> requirementRules(JsonNode requires, String path) {
        List<ObjectNode> rules = new ArrayList<>();
        for (ObjectRules.Requirement r : ObjectRules.requirements(PLAIN.convertValue(requires, Object.class), path)) {
            StringBuilder rule = new StringBuilder();
            if (r.when() != null) {
                rule.append("!has(self.").append(celField(r.when(), path)).append(") || ");
            } else if (r.unless() != null) {
                rule.append("has(self.").append(celField(r.unless(), path)).append(") || ");
            }
            for (int i = 0; i < r.anyOf().size(); i++) {
                rule.append(i == 0 ? "" : " || ").append(celPresence(r.anyOf().get(i), path));
            }
            String message = (r.anyOf().size() == 1 ? r.anyOf().get(0) : "one of " + String.join(", ", r.anyOf()))
                    + " is required " + r.condition();
            rules.add(rule(rule.toString(), message));
        }
        return rules;
    }

    /** {@code has(self.a)}, or for {@code a.b}: {@code (has(self.a) && has(self.a.b))}. */
    private static String celPresence(String dotted, String path) {
        String[] steps = dotted.split("\\.");
        StringBuilder access = new StringBuilder("self");
        List<String> checks = new ArrayList<>();
        for (String step : steps) {
            access.append(".").append(celField(step, path));
            checks.add("has(" + access + ")");
        }
        return checks.size() == 1 ? checks.get(0) : "(" + String.join(" && ", checks) + ")";
    }

    private static ObjectNode rule(String rule, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("rule", rule);
        out.put("message", message);
        return out;
    }

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    /** Property names that are CEL keywords; Kubernetes makes them accessible as {@code __name__}. */
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const", "continue",
            "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while");

    /**
     * A property name as a CEL rule of a CRD must spell it: Kubernetes escapes {@code __}, {@code .},
     * {@code -} and {@code /}, and CEL keywords, and cannot access other names at all.
     */
    static String celField(String name, String path) {
        if (!name.matches("[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*")) {
            throw new GenerationException(SchemaKeywords.UNION + " at " + path + " names '" + name
                    + "', which CEL validation rules cannot access");
        }
        if (CEL_RESERVED.contains(name)) {
            return "__" + name + "__";
        }
        return name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__").replace("/", "__slash__");
    }

    /** A single-quoted CEL string literal. */
    static String celString(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private JsonNode resolve(JsonNode node, String path) {
        JsonNode current = node;
        int hops = 0;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw new GenerationException("only local $refs are supported in a CRD; " + path + " has " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode() || ++hops > 32) {
                throw new GenerationException("$ref " + ref + " at " + path + " does not resolve");
            }
        }
        return current;
    }
}
