package dev.kgateway.sdk.codegen.crd;

import dev.kgateway.sdk.codegen.GenerationException;
import dev.kgateway.sdk.codegen.SchemaKeywords;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 *   <li>every {@code x-kgateway-union} becomes {@code x-kubernetes-validations} CEL rules;</li>
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
        JsonNode union = target.get(SchemaKeywords.UNION);
        if (union != null) {
            ArrayNode rules = out.has("x-kubernetes-validations") ? (ArrayNode) out.get("x-kubernetes-validations")
                    : out.putArray("x-kubernetes-validations");
            unionRules(union, path).forEach(rules::add);
        }
        return out;
    }

    /** One CEL rule per member block: it is set exactly when the discriminator selects it. */
    static List<ObjectNode> unionRules(JsonNode union, String path) {
        String discriminator = union.path("discriminator").asText("");
        if (discriminator.isEmpty() || !union.path("members").isObject()) {
            throw new GenerationException(SchemaKeywords.UNION + " at " + path + " needs \"discriminator\" and \"members\"");
        }
        Map<String, List<String>> valuesByMember = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> m : union.get("members").properties()) {
            if (!m.getValue().isNull()) {
                valuesByMember.computeIfAbsent(m.getValue().asText(), k -> new ArrayList<>()).add(m.getKey());
            }
        }
        List<ObjectNode> rules = new ArrayList<>();
        String d = celField(discriminator, path);
        for (Map.Entry<String, List<String>> member : valuesByMember.entrySet()) {
            StringBuilder selected = new StringBuilder();
            for (String value : member.getValue()) {
                selected.append(selected.length() == 0 ? "" : " || ").append("self.").append(d).append(" == ").append(celString(value));
            }
            String field = member.getKey();
            ObjectNode rule = JsonNodeFactory.instance.objectNode();
            rule.put("rule", "!has(self." + d + ") || ((" + selected + ") == has(self." + celField(field, path) + "))");
            rule.put("message", field + " must be set if and only if " + discriminator + " is " + String.join(" or ", member.getValue()));
            rules.add(rule);
        }
        return rules;
    }

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
