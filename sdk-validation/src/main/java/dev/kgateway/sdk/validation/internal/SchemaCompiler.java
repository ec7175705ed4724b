package dev.kgateway.sdk.validation.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelReference;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.annotation.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Walks an {@code openAPIV3Schema} once into a tree of {@link SchemaNode}s, compiling every pattern
 * (RE2, as kube-apiserver) and every CEL rule ({@code self} and {@code oldSelf} declared with the
 * type the schema gives them). A rule's checked AST comes from an {@link AstStore} when it has it (the
 * bundled releases' rules, checked at build time), else from the CEL compiler; every program is then
 * planned by the one runtime of {@link CelEnvironment}. Not thread-safe; the tree it returns is.
 */
public final class SchemaCompiler {

    private static final Set<String> REASONS = Set.of("FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate");

    private final AstStore store;
    private final Map<List<Object>, CelCompiler> compilers = new HashMap<>();

    /** A compiler that takes checked ASTs from {@link AstStore#standard()} when it has them. */
    public SchemaCompiler() {
        this(AstStore.standard());
    }

    /**
     * @param store where checked ASTs are looked up before compiling, and kept after
     */
    public SchemaCompiler(AstStore store) {
        this.store = store;
    }

    /**
     * @param schema an {@code openAPIV3Schema}
     * @return its compiled tree
     * @throws IllegalArgumentException naming the schema path, when a pattern or CEL rule does not compile
     */
    public SchemaNode compile(JsonNode schema) {
        return compile(schema, FieldPath.ROOT.child("openAPIV3Schema"));
    }

    private SchemaNode compile(JsonNode s, FieldPath where) {
        SchemaNode n = new SchemaNode();
        n.type = text(s, "type");
        n.nullable = s.path("nullable").asBoolean(false);
        n.intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        n.preserveUnknownFields = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        n.embeddedResource = s.path("x-kubernetes-embedded-resource").asBoolean(false);
        n.format = text(s, "format");
        if (s.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            s.get("enum").forEach(values::add);
            n.enumValues = List.copyOf(values);
        }
        n.patternSource = text(s, "pattern");
        if (n.patternSource != null) {
            try {
                n.pattern = Pattern.compile(n.patternSource);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ".pattern: not an RE2 regular expression: " + n.patternSource, e);
            }
        }
        n.minLength = longOrNull(s, "minLength");
        n.maxLength = longOrNull(s, "maxLength");
        n.minimum = doubleOrNull(s, "minimum");
        n.maximum = doubleOrNull(s, "maximum");
        n.exclusiveMinimum = s.path("exclusiveMinimum").asBoolean(false);
        n.exclusiveMaximum = s.path("exclusiveMaximum").asBoolean(false);
        n.multipleOf = doubleOrNull(s, "multipleOf");
        n.minItems = longOrNull(s, "minItems");
        n.maxItems = longOrNull(s, "maxItems");
        n.uniqueItems = s.path("uniqueItems").asBoolean(false);
        n.minProperties = longOrNull(s, "minProperties");
        n.maxProperties = longOrNull(s, "maxProperties");
        if (s.has("required")) {
            List<String> req = new ArrayList<>();
            s.get("required").forEach(r -> req.add(r.asString()));
            n.required = List.copyOf(req);
        }
        if (s.has("properties")) {
            Map<String, SchemaNode> props = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : s.get("properties").properties()) {
                props.put(e.getKey(), compile(e.getValue(), where.child("properties").child(e.getKey())));
            }
            n.properties = java.util.Collections.unmodifiableMap(props);
        }
        JsonNode additional = s.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            n.additionalProperties = compile(additional, where.child("additionalProperties"));
        }
        if (s.has("items") && s.get("items").isObject()) {
            n.items = compile(s.get("items"), where.child("items"));
        }
        n.listType = text(s, "x-kubernetes-list-type");
        if (s.has("x-kubernetes-list-map-keys")) {
            List<String> keys = new ArrayList<>();
            s.get("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asString()));
            n.listMapKeys = List.copyOf(keys);
        }
        n.defaultValue = s.get("default");
        if (s.has("x-kubernetes-validations")) {
            List<CelRule> rules = new ArrayList<>();
            int i = 0;
            for (JsonNode r : s.get("x-kubernetes-validations")) {
                rules.add(compileRule(n, r, where.child("x-kubernetes-validations").index(i++)));
            }
            n.rules = List.copyOf(rules);
        }
        return n;
    }

    private CelRule compileRule(SchemaNode n, JsonNode r, FieldPath where) {
        String rule = text(r, "rule");
        if (rule == null) {
            throw new IllegalArgumentException(where + ".rule: Required value");
        }
        boolean optionalOldSelf = r.path("optionalOldSelf").asBoolean(false);
        CelType selfType = celType(n);
        try {
            CelAbstractSyntaxTree ast = checked(rule, selfType, optionalOldSelf);
            boolean usesOldSelf = ast.getReferenceMap().values().stream().map(CelReference::name).anyMatch("oldSelf"::equals);
            CelRuntime runtime = CelEnvironment.runtime();
            CelRuntime.Program program = runtime.createProgram(ast);
            CelRuntime.Program messageExpression = null;
            String messageSource = text(r, "messageExpression");
            if (messageSource != null) {
                CelAbstractSyntaxTree m = checked(messageSource, selfType, optionalOldSelf);
                if (!m.getResultType().equals(SimpleType.STRING) && !m.getResultType().equals(SimpleType.DYN)) {
                    throw new IllegalArgumentException(where + ".messageExpression: must evaluate to a string, not " + m.getResultType().name());
                }
                messageExpression = runtime.createProgram(m);
            }
            if (!ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
                throw new IllegalArgumentException(where + ".rule: must evaluate to a bool, not " + ast.getResultType().name() + ": " + rule);
            }
            String reason = text(r, "reason");
            if (reason != null && !REASONS.contains(reason)) {
                throw new IllegalArgumentException(where + ".reason: Unsupported value: \"" + reason + "\"");
            }
            String fieldPath = text(r, "fieldPath");
            return new CelRule(rule, program, text(r, "message"), messageExpression, reason,
                    fieldPath == null ? null : parseFieldPath(fieldPath, n, where), usesOldSelf, optionalOldSelf);
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(where + ".rule: compilation failed: " + rule + "\n" + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(where + ".rule: cannot be planned: " + rule, e);
        }
    }

    /** The checked AST of an expression: from the store when it has it, else compiled (and kept). */
    private CelAbstractSyntaxTree checked(String expression, CelType selfType, boolean optionalOldSelf) throws CelValidationException {
        AstStore.Key key = AstStore.key(expression, selfType, optionalOldSelf);
        CelAbstractSyntaxTree stored = store.find(key);
        store.count(stored != null);
        if (stored != null) {
            return stored;
        }
        CelAbstractSyntaxTree ast = compilers.computeIfAbsent(List.of(selfType, optionalOldSelf),
                k -> CelEnvironment.compiler(selfType, optionalOldSelf)).compile(expression).getAst();
        store.keep(key, ast);
        return ast;
    }

    /** kube-apiserver's {@code ValidFieldPath}: {@code .name} steps and {@code ['key']} steps, each checked against the schema. */
    static RelativePath parseFieldPath(String path, SchemaNode schema, FieldPath where) {
        List<RelativePath.Step> steps = new ArrayList<>();
        SchemaNode at = schema;
        int i = 0;
        while (i < path.length()) {
            String name;
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                name = path.substring(i + 1, end);
                i = end;
            } else if (c == '[' && path.startsWith("['", i)) {
                int end = path.indexOf("']", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(where + ".fieldPath: Invalid value: " + path + ": unexpected end of JSON path");
                }
                name = path.substring(i + 2, end).replace("\\'", "'");
                i = end + 2;
            } else {
                throw new IllegalArgumentException(where + ".fieldPath: Invalid value: " + path + ": expected [ or . but got: " + c);
            }
            if (at != null && at.properties.containsKey(name)) {
                steps.add(new RelativePath.Step(name, false));
                at = at.properties.get(name);
            } else if (at != null && at.additionalProperties != null) {
                steps.add(new RelativePath.Step(name, true));
                at = at.additionalProperties;
            } else {
                throw new IllegalArgumentException(where + ".fieldPath: Invalid value: " + path + ": does not refer to a valid field");
            }
        }
        return new RelativePath(List.copyOf(steps));
    }

    /** The CEL type kube-apiserver declares for a schema node (objects as string-keyed maps). */
    static CelType celType(@Nullable SchemaNode n) {
        if (n == null || n.intOrString) {
            return SimpleType.DYN;
        }
        String type = n.type == null ? "" : n.type;
        return switch (type) {
            case "string" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "number" -> SimpleType.DOUBLE;
            case "boolean" -> SimpleType.BOOL;
            case "array" -> ListType.create(celType(n.items));
            case "object" -> n.properties.isEmpty() && n.additionalProperties != null
                    ? MapType.create(SimpleType.STRING, celType(n.additionalProperties))
                    : MapType.create(SimpleType.STRING, SimpleType.DYN);
            default -> SimpleType.DYN;
        };
    }

    @Nullable
    private static String text(JsonNode s, String name) {
        JsonNode v = s.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    @Nullable
    private static Long longOrNull(JsonNode s, String name) {
        JsonNode v = s.get(name);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    @Nullable
    private static Double doubleOrNull(JsonNode s, String name) {
        JsonNode v = s.get(name);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
