package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What users see of the generated sources in the sources jar: marked, imported, indented. */
class GeneratedSourcesTest {

    /** A package-qualified type name in code: {@code java.util.List}, {@code tools.jackson.core.JsonParser}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:java|javax|tools|com|org|dev)\\.[a-z]\\w*\\.[\\w.]*[A-Z]");

    @TempDir
    static Path dir;

    static Map<String, String> sources;

    @BeforeAll
    static void generateOnce() {
        sources = GeneratorHarness.generate(dir, "thing.json", ImmutablesRuleFactoryTest.THING);
        sources.remove("com/example/package-info.java"); // no type; CodeModel writes its annotation qualified
    }

    @Test
    void everyGeneratedTypeIsMarkedGeneratedWithTheGeneratorAndItsSchema() {
        sources.forEach((path, source) -> assertThat(source).as(path)
                .contains("import javax.annotation.processing.Generated;")
                .containsPattern("@Generated\\(value = \"dev\\.kgateway\\.sdk\\.codegen\", comments = \"from [^\"]*thing\\.json"));
    }

    @Test
    void generatedCodeNamesTypesThroughImportsRatherThanByPackage() {
        List<String> qualified = new ArrayList<>();
        sources.forEach((path, source) -> source.lines()
                .filter(line -> !line.startsWith("import ") && !line.startsWith("package ") && !line.strip().startsWith("*"))
                .filter(line -> QUALIFIED.matcher(line).find())
                .forEach(line -> qualified.add(path + ": " + line.strip())));

        assertThat(qualified).isEmpty();
    }

    @Test
    void methodBodiesAreIndentedBelowTheirDeclarations() {
        List<String> flush = new ArrayList<>();
        sources.forEach((path, source) -> {
            List<String> lines = source.lines().toList();
            int declaration = 0;
            while (!lines.get(declaration).matches("^(public |final |abstract )*(class|enum) .*")) {
                declaration++;
            }
            for (String line : lines.subList(declaration + 1, lines.size())) {
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.equals("{") && !line.equals("}")) {
                    flush.add(path + ": " + line);
                }
            }
        });

        assertThat(flush).isEmpty();
    }
}
