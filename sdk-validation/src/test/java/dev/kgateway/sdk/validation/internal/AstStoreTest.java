package dev.kgateway.sdk.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.types.SimpleType;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.KgatewayRelease;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The store of checked CEL ASTs: the bundled one holds every release's expressions, each equal to a
 * fresh compilation; an entry that does not fit (another type of {@code self}, damaged, unreadable)
 * is compiled instead; the directory store works across compilers.
 */
class AstStoreTest {

    /** One expression of a CRD, with the environment the compiler checks it in. */
    record Expression(String text, SchemaNode node, boolean optionalOldSelf) {
    }

    static JsonNode schemaOf(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asString(""))) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new AssertionError("no version " + version);
    }

    /** Every rule and messageExpression, walking the JSON schema and its compiled tree side by side. */
    static List<Expression> expressions(JsonNode s, SchemaNode n, List<Expression> out) {
        for (JsonNode r : s.path("x-kubernetes-validations")) {
            boolean optional = r.path("optionalOldSelf").asBoolean(false);
            out.add(new Expression(r.path("rule").asString(), n, optional));
            if (r.has("messageExpression")) {
                out.add(new Expression(r.path("messageExpression").asString(), n, optional));
            }
        }
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties()) {
            expressions(p.getValue(), n.properties.get(p.getKey()), out);
        }
        if (s.path("items").isObject()) {
            expressions(s.get("items"), n.items, out);
        }
        if (s.path("additionalProperties").isObject()) {
            expressions(s.get("additionalProperties"), n.additionalProperties, out);
        }
        return out;
    }

    private static final String RULE = "self.size() <= 5";

    private static final String WIDGET = """
            type: object
            properties:
              spec:
                type: object
                properties:
                  name:
                    type: string
                    x-kubernetes-validations:
                    - rule: self.size() <= 5
                      message: name too long
            """;

    /** The same rule text on a list: {@code self} has another type, {@code size()} counts items. */
    private static final String WIDGET_LIST = WIDGET.replace("type: string\n", "type: array\n        items: {type: string}\n");

    /** What the rules say when compiled, never stored; not empty. */
    private static List<String> compiled(String schemaYaml, String docYaml) {
        List<String> out = rules(compile(schemaYaml, AstStore.none()), docYaml);
        assertThat(out).as(docYaml).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("spec.name: ").endsWith("name too long"));
        return out;
    }

    private static SchemaNode compile(String schemaYaml, AstStore store) {
        return new SchemaCompiler(store).compile(BackendJson.yamlMapper().readTree(schemaYaml));
    }

    private static List<String> rules(SchemaNode schema, String docYaml) {
        List<Violation> out = new ArrayList<>();
        SchemaValidator.validateRules(BackendJson.yamlMapper().readTree(docYaml), null, schema, false, out);
        return out.stream().map(v -> v.path() + ": " + v.message()).toList();
    }

    @Test
    void theBundledStoreHoldsEveryExpressionOfEveryRelease() {
        for (KgatewayRelease release : KgatewayRelease.values()) {
            JsonNode schema = schemaOf(release.crd(), KgatewayRelease.VERSION);
            int expected = expressions(schema, new SchemaCompiler(AstStore.none()).compile(schema), new ArrayList<>()).size();
            AstStore store = AstStore.standard();
            new SchemaCompiler(store).compile(schema);
            assertThat(expected).as(release.name()).isPositive();
            assertThat(store.hits()).as(release + ": from the store").isEqualTo(expected);
            assertThat(store.misses()).as(release + ": compiled").isZero();
        }
    }

    @Test
    void everyStoredAstEqualsAFreshCompilation() throws Exception {
        AstStore store = AstStore.standard();
        int compared = 0;
        for (KgatewayRelease release : KgatewayRelease.values()) {
            JsonNode schema = schemaOf(release.crd(), KgatewayRelease.VERSION);
            for (Expression e : expressions(schema, new SchemaCompiler(AstStore.none()).compile(schema), new ArrayList<>())) {
                CelAbstractSyntaxTree stored = store.find(AstStore.key(e.text(), SchemaCompiler.celType(e.node()), e.optionalOldSelf()));
                CelAbstractSyntaxTree fresh = CelEnvironment.compiler(SchemaCompiler.celType(e.node()), e.optionalOldSelf())
                        .compile(e.text()).getAst();
                assertThat(stored).as(release + ": " + e.text()).isNotNull();
                assertThat(stored.getExpr()).as(e.text()).isEqualTo(fresh.getExpr());
                assertThat(stored.getReferenceMap()).as(e.text()).isEqualTo(fresh.getReferenceMap());
                assertThat(stored.getTypeMap()).as(e.text()).isEqualTo(fresh.getTypeMap());
                assertThat(stored.getResultType()).as(e.text()).isEqualTo(fresh.getResultType());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void theKeyCoversTheTextTheTypeOfSelfAndOptionalOldSelf() {
        AstStore.Key key = AstStore.key("self.size() <= 5", SimpleType.STRING, false);
        assertThat(key).isEqualTo(AstStore.key("self.size() <= 5", SimpleType.STRING, false));
        assertThat(key).isNotEqualTo(AstStore.key("self.size() <= 6", SimpleType.STRING, false));
        assertThat(key).isNotEqualTo(AstStore.key("self.size() <= 5", SimpleType.BYTES, false));
        assertThat(key).isNotEqualTo(AstStore.key("self.size() <= 5", dev.cel.common.types.ListType.create(SimpleType.STRING), false));
        assertThat(key).isNotEqualTo(AstStore.key("self.size() <= 5", SimpleType.STRING, true));
        assertThat(AstStore.typeKey(dev.cel.common.types.MapType.create(SimpleType.STRING, dev.cel.common.types.ListType.create(SimpleType.INT))))
                .isEqualTo("MAP:map(STRING:string,LIST:list(INT:int))");
    }

    @Test
    void anEntryOfAnotherSchemaIsNotUsed(@TempDir Path dir) {
        assertThat(WIDGET_LIST).contains("type: array");
        SchemaNode strings = compile(WIDGET, AstStore.directory(dir));
        assertThat(rules(strings, "spec: {name: abcdef}")).isEqualTo(compiled(WIDGET, "spec: {name: abcdef}"));
        AstStore store = AstStore.directory(dir);
        SchemaNode lists = compile(WIDGET_LIST, store); // same rule text, self now a list
        assertThat(store.hits()).isZero();
        assertThat(store.misses()).isEqualTo(1);
        assertThat(rules(lists, "spec: {name: [abcdef]}")).isEmpty();
        assertThat(rules(lists, "spec: {name: [a, b, c, d, e, f]}")).isEqualTo(compiled(WIDGET_LIST, "spec: {name: [a, b, c, d, e, f]}"));
    }

    @Test
    void theDirectoryStoreServesTheNextCompilerAndSurvivesDamage(@TempDir Path dir) throws IOException {
        AstStore first = AstStore.directory(dir);
        compile(WIDGET, first);
        assertThat(first.misses()).isEqualTo(1);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).endsWith(".ast"));

        AstStore second = AstStore.directory(dir);
        SchemaNode fromStore = compile(WIDGET, second);
        assertThat(second.hits()).isEqualTo(1);
        assertThat(second.misses()).isZero();
        assertThat(rules(fromStore, "spec: {name: abcdef}")).isEqualTo(compiled(WIDGET, "spec: {name: abcdef}"));
        assertThat(rules(fromStore, "spec: {name: abc}")).isEmpty();

        byte[] bytes = Files.readAllBytes(files.get(0));
        bytes[bytes.length - 3] ^= 0x5a; // damaged: the CRC no longer matches
        Files.write(files.get(0), bytes);
        AstStore third = AstStore.directory(dir);
        SchemaNode compiled = compile(WIDGET, third);
        assertThat(third.hits()).isZero();
        assertThat(third.misses()).isEqualTo(1);
        assertThat(rules(compiled, "spec: {name: abcdef}")).isEqualTo(compiled(WIDGET, "spec: {name: abcdef}"));

        AstStore fourth = AstStore.directory(dir); // the third compilation wrote the entry again
        compile(WIDGET, fourth);
        assertThat(fourth.hits()).isEqualTo(1);

        Files.write(files.get(0), new byte[] {1, 2, 3}); // truncated
        AstStore fifth = AstStore.directory(dir);
        compile(WIDGET, fifth);
        assertThat(fifth.misses()).isEqualTo(1);
    }

    /** A store in the bundled format with one entry: the given bytes under the widget rule's key. */
    private static AstStore storeWith(byte[] entry, boolean goodCrc) throws IOException {
        return storeWith(AstStore.environment(), entry, goodCrc);
    }

    private static AstStore storeWith(String environment, byte[] entry, boolean goodCrc) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.write("KGCELAST".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(2);
        byte[] header = environment.getBytes(StandardCharsets.UTF_8);
        out.writeInt(header.length);
        out.write(header);
        out.writeInt(1);
        byte[] key = AstStore.key(RULE, SimpleType.STRING, false).material().getBytes(StandardCharsets.UTF_8);
        out.writeInt(key.length);
        out.write(key);
        CRC32 crc = new CRC32();
        crc.update(entry);
        out.writeInt(goodCrc ? (int) crc.getValue() : (int) crc.getValue() + 1);
        out.writeInt(entry.length);
        out.write(entry);
        return AstStore.read(new ByteArrayInputStream(buffer.toByteArray()));
    }

    @Test
    void aStoreWrittenForAnotherEnvironmentOrCelJavaIsIgnored() throws Exception {
        byte[] good = CelProtoAbstractSyntaxTree.fromCelAst(CelEnvironment.compiler(SimpleType.STRING, false).compile(RULE).getAst())
                .toCheckedExpr().toByteArray();
        assertThat(AstStore.environment()).contains("ExprChecker.class=").contains("KubernetesCelLibrary.class=");
        AstStore control = storeWith(good, true);
        compile(WIDGET, control);
        assertThat(control.hits()).isEqualTo(1);
        for (String other : List.of(AstStore.environment().replace("ExprChecker.class=", "ExprChecker.class=1"),
                AstStore.environment().replace("KubernetesCelLibrary.class=", "KubernetesCelLibrary.class=1"), "")) {
            AstStore store = storeWith(other, good, true);
            SchemaNode schema = compile(WIDGET, store);
            assertThat(store.hits()).isZero();
            assertThat(store.misses()).isEqualTo(1);
            assertThat(rules(schema, "spec: {name: abcdef}")).isEqualTo(compiled(WIDGET, "spec: {name: abcdef}"));
        }
    }

    @Test
    void aWellFormedEntryIsUsedAndAnUnreadableOneIsCompiled() throws Exception {
        // control: a real AST under the rule's key is taken from the store
        CelAbstractSyntaxTree ast = CelEnvironment.compiler(SimpleType.STRING, false).compile(RULE).getAst();
        byte[] good = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray();
        AstStore used = storeWith(good, true);
        assertThat(rules(compile(WIDGET, used), "spec: {name: abcdef}")).isEqualTo(compiled(WIDGET, "spec: {name: abcdef}"));
        assertThat(used.hits()).isEqualTo(1);

        // not a CheckedExpr (with a matching CRC), an empty one, a good one with a bad CRC: compiled instead
        for (AstStore bad : List.of(storeWith("not a protobuf message".getBytes(StandardCharsets.UTF_8), true),
                storeWith(new byte[0], true), storeWith(good, false))) {
            SchemaNode schema = compile(WIDGET, bad);
            assertThat(bad.hits()).isZero();
            assertThat(bad.misses()).isEqualTo(1);
            assertThat(rules(schema, "spec: {name: abcdef}")).isEqualTo(compiled(WIDGET, "spec: {name: abcdef}"));
            assertThat(rules(schema, "spec: {name: abc}")).isEmpty();
        }
    }

    @Test
    void anUnreadableStoreIsEmpty() {
        for (byte[] bytes : List.of(new byte[0], "KGCELAST".getBytes(StandardCharsets.US_ASCII), "something else entirely".getBytes(StandardCharsets.UTF_8))) {
            AstStore store = AstStore.read(new ByteArrayInputStream(bytes));
            compile(WIDGET, store);
            assertThat(store.hits()).isZero();
            assertThat(store.misses()).isEqualTo(1);
        }
    }

    @Test
    void theGeneratorRecordsEveryExpressionOnceAndWritesTheSameBytesTwice() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        AstStoreGenerator.generate().write(a);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        AstStoreGenerator.generate().write(b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        try (var bundled = AstStore.class.getClassLoader().getResourceAsStream(AstStore.RESOURCE)) {
            assertThat(bundled).as("the build's " + AstStore.RESOURCE).isNotNull();
            assertThat(bundled.readAllBytes()).isEqualTo(a.toByteArray());
        }
    }
}
