package dev.kgateway.sdk.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated accessors' Javadoc names the kgateway release lines that have each member, as the
 * generator computed it from {@code schema/upstream/} and {@code schema/seed/} (read from the
 * generated sources, as the sources jar ships them).
 */
class ReleaseJavadocTest {

    static final Path GENERATED = Path.of("target", "generated-sources", "jsonschema2pojo", "dev", "kgateway", "sdk", "model");
    private static final Pattern ACCESSOR = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*public abstract [\\w.<>, ?]+ (get\\w+)\\(\\);", Pattern.DOTALL);

    record Accessor(String type, String name, String javadoc) {
    }

    static List<Accessor> accessors;

    @BeforeAll
    static void parse() throws IOException {
        accessors = new ArrayList<>();
        try (Stream<Path> files = Files.list(GENERATED)) {
            for (Path f : files.sorted().toList()) {
                String type = f.getFileName().toString().replace(".java", "");
                Matcher m = ACCESSOR.matcher(Files.readString(f));
                while (m.find()) {
                    accessors.add(new Accessor(type, m.group(2), m.group(1).replaceAll("\\s*\\n\\s*\\*\\s?", " ")));
                }
            }
        }
    }

    static String doc(String type, String accessor) {
        return accessors.stream().filter(a -> a.type().equals(type) && a.name().equals(accessor)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + "#" + accessor)).javadoc();
    }

    @Test
    void everyDeclaredAccessorNamesItsReleaseLines() {
        assertThat(accessors).hasSizeGreaterThan(50);
        assertThat(accessors).filteredOn(a -> !a.name().equals("getAdditionalProperties"))
                .allSatisfy(a -> assertThat(a.javadoc()).as(a.type() + "#" + a.name()).containsPattern("<p>Present in [^.]+\\."));
    }

    @Test
    void aMemberOfEveryReleaseAndTheSeedSaysSo() {
        assertThat(doc("BackendSpec", "getAws")).contains("Present in kgateway v2.0 and later and in the seed schema.");
        assertThat(doc("StaticHost", "getPort")).contains("(at <code>spec.static.hosts.port</code>)")
                .contains("Present in kgateway v2.0 and later and in the seed schema.");
    }

    @Test
    void aMemberRemovedAfterARelease() {
        assertThat(doc("BackendSpec", "getAi")).contains("Present in kgateway v2.0 to v2.1 and in the seed schema.");
    }

    @Test
    void aMemberNoReleaseHas() {
        assertThat(doc("StaticHost", "getTls")).contains("Present in the seed schema only.");
    }

    @Test
    void metadataIsKubernetesOwnInEveryRelease() {
        assertThat(doc("ObjectMeta", "getUid")).contains("Present in kgateway v2.0 and later.");
    }

    @Test
    void aSharedDefinitionNamesEachPathItIsUsedAt() {
        assertThat(doc("AuthToken", "getSecretRef")).contains("<code>spec.ai.provider.openai.authToken.secretRef</code>");
    }

    @Test
    void accessorsCarryTheirRules() {
        assertThat(doc("StaticHost", "getPort")).contains("Rules: required by {@code validate()}; at least 1; at most 65535");
    }
}
