package dev.kgateway.sdk.codegen;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rewrite of Immutables' map handling onto the model's compact map, on the shapes Immutables 2.12.2 writes. */
class CompactMapRewriterTest {

    private static final String GENERATED = """
            final class ImmutableThing extends Thing {
              private final Map<String, String> labels;
              public static final class Builder {
                private Map<String, String> labels = new LinkedHashMap<String, String>();
                private Map<String, JsonNode> additionalProperties = new LinkedHashMap<String, JsonNode>();
                private List<String> names = new ArrayList<String>();
              }
              private static <K, V> Map<K, V> createUnmodifiableMap(boolean checkNulls, boolean skipNulls, Map<? extends K, ? extends V> map) {
                switch (map.size()) {
                case 0: return Collections.emptyMap();
                default: {
                  Map<K, V> linkedMap = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
                  return Collections.unmodifiableMap(linkedMap);
                }
                }
              }
              private static <T> List<T> createUnmodifiableList(boolean clone, List<? extends T> list) {
                return list;
              }
            }
            """;

    @Test
    void buildersCollectInBuffersAndTheCopyGoesThroughCompactMap() {
        String result = CompactMapRewriter.rewrite("ImmutableThing.java", GENERATED);

        assertThat(result)
                .contains("private Map<String, String> labels = new dev.kgateway.sdk.model.internal.CompactMapBuffer<String, String>();")
                .contains("private Map<String, JsonNode> additionalProperties = new dev.kgateway.sdk.model.internal.CompactMapBuffer<String, JsonNode>();")
                .contains("private List<String> names = new ArrayList<String>();")
                .contains(CompactMapRewriter.FACTORY + "\n    return dev.kgateway.sdk.model.internal.CompactMap.copyOf(checkNulls, skipNulls, map);\n  }\n"
                        + "  private static <T> List<T> createUnmodifiableList(")
                .doesNotContain("LinkedHashMap")
                .doesNotContain("switch");
    }

    @Test
    void aClassWithoutMapsIsLeftAsItIs() {
        String plain = "final class ImmutableX {\n  private final String name;\n}\n";
        assertThat(CompactMapRewriter.rewrite("ImmutableX.java", plain)).isSameAs(plain);
    }

    @Test
    void anUnknownShapeFailsInsteadOfBeingHalfRewritten() {
        String otherField = GENERATED.replace("new LinkedHashMap<String, String>();", "new LinkedHashMap<>(4);");
        assertThatThrownBy(() -> CompactMapRewriter.rewrite("ImmutableThing.java", otherField))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ImmutableThing.java: a LinkedHashMap is left");

        String otherFactory = GENERATED.replace("boolean skipNulls, Map<? extends K", "boolean skip, Map<? extends K");
        assertThatThrownBy(() -> CompactMapRewriter.rewrite("ImmutableThing.java", otherFactory))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mainRewritesADirectoryIntoAnEmptiedOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/dev/x"));
        Files.writeString(in.resolve("ImmutableThing.java"), GENERATED);
        Path out = Files.createDirectories(dir.resolve("out/dev/x"));
        Files.writeString(out.resolve("Stale.java"), "stale");

        CompactMapRewriter.main(new String[] {dir.resolve("in").toString(), dir.resolve("out").toString()});

        assertThat(out.resolve("Stale.java")).doesNotExist();
        assertThat(Files.readString(out.resolve("ImmutableThing.java"))).contains("CompactMapBuffer").doesNotContain("LinkedHashMap");
        assertThatThrownBy(() -> CompactMapRewriter.main(new String[] {dir.resolve("empty").toString(), dir.resolve("o").toString()}))
                .isInstanceOf(Exception.class);
    }
}
