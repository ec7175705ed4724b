package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.internal.AstStore;
import dev.kgateway.sdk.validation.internal.Normalizer;
import dev.kgateway.sdk.validation.internal.SchemaCompiler;
import dev.kgateway.sdk.validation.internal.SchemaNode;
import dev.kgateway.sdk.validation.internal.SchemaValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every rule of every release gives the same verdicts whether its checked AST comes from the bundled
 * store or from compiling it: on every fixture and on generated variants, as a create and as an update
 * from another document; CEL rules run even where the schema would block them, so every rule is run.
 */
class StoredAstVerdictsTest {

    private static List<String> rules(SchemaNode schema, JsonNode doc, JsonNode old) {
        JsonNode normalized = Normalizer.normalize(doc, schema, true, null);
        JsonNode oldNormalized = old == null ? null : Normalizer.normalize(old, schema, true, null);
        List<Violation> out = new ArrayList<>();
        SchemaValidator.validateRules(normalized, oldNormalized, schema, true, out);
        return out.stream().map(v -> v.path() + " " + v.rule() + " " + v.message()).toList();
    }

    @Test
    void storedAndCompiledRulesAgreeOnEveryFixtureAndVariantOfEveryRelease() {
        List<Fixtures.Doc> fixtures = Fixtures.all();
        Set<String> failures = new HashSet<>();
        int runs = 0;
        for (KgatewayRelease release : KgatewayRelease.values()) {
            JsonNode schemaJson = null;
            for (JsonNode v : release.crd().path("spec").path("versions")) {
                if (KgatewayRelease.VERSION.equals(v.path("name").asString(""))) {
                    schemaJson = v.path("schema").path("openAPIV3Schema");
                }
            }
            AstStore bundled = AstStore.standard();
            SchemaNode stored = new SchemaCompiler(bundled).compile(schemaJson);
            AstStore none = AstStore.none();
            SchemaNode compiled = new SchemaCompiler(none).compile(schemaJson);
            assertThat(bundled.misses()).as(release + ": every expression from the store").isZero();
            assertThat(bundled.hits()).as(release.name()).isEqualTo(none.misses()).isPositive();

            List<JsonNode> docs = new ArrayList<>();
            fixtures.forEach(f -> docs.add(f.tree()));
            for (JsonNode entry : ValidationCatalogTest.catalog()) { // every catalog Backend: each aims at one rule
                docs.add(ValidationCatalogTest.backend(entry.get("invalid")));
                docs.add(ValidationCatalogTest.backend(entry.get("valid")));
            }
            List<Fixtures.Doc> bases = fixtures.stream().filter(f -> f.release() == release).toList();
            for (Variants.Case c : Variants.generate(bases.isEmpty() ? fixtures : bases, schemaJson, 300, 20260 + release.ordinal())) {
                docs.add(c.document());
            }
            for (int i = 0; i < docs.size(); i++) {
                JsonNode doc = docs.get(i);
                JsonNode old = docs.get((i + 1) % docs.size());
                List<String> create = rules(compiled, doc, null);
                assertThat(rules(stored, doc, null)).as(release + " create #" + i).isEqualTo(create);
                assertThat(rules(stored, doc, old)).as(release + " update #" + i).isEqualTo(rules(compiled, doc, old));
                failures.addAll(create);
                runs++;
            }
        }
        // the comparison means something: many documents, and rules that fail in many different ways
        assertThat(runs).isGreaterThan(2000);
        assertThat(failures).hasSizeGreaterThan(20);
    }
}
