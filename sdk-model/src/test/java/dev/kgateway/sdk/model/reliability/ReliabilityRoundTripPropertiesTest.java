package dev.kgateway.sdk.model.reliability;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import dev.kgateway.sdk.model.ObjectMeta;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing and reading loses nothing: for 1,000 random Backends per property (every backend type
 * and AI provider, unknown enum values, random labels and annotations, unknown members with random
 * JSON values on every object of the model), JSON and YAML round trips give back an equal Backend,
 * and a JSON tree read and written back is the same tree.
 */
class ReliabilityRoundTripPropertiesTest {

    @Provide
    Arbitrary<Backend> backends() {
        return ReliabilityArbitraries.backends();
    }

    /**
     * For YAML the kind is Backend or absent and the apiVersion kgateway's or absent: readAll rejects
     * documents of other kinds and groups by design (a manifest stream mixes kinds;
     * {@code YamlStreamsTest} covers that).
     */
    @Provide
    Arbitrary<Backend> yamlBackends() {
        return ReliabilityArbitraries.backends()
                .map(b -> b.getKind() == null || Backend.KIND.equals(b.getKind()) ? b : b.withKind(Backend.KIND))
                .map(b -> b.getApiVersion() == null || Backend.API_VERSION.equals(b.getApiVersion()) ? b : b.withApiVersion(Backend.API_VERSION));
    }

    @Property(tries = 1000)
    void jsonRoundTripGivesAnEqualBackend(@ForAll("backends") Backend backend) {
        String json = BackendJson.toJson(backend);

        assertThat(BackendJson.fromJson(json)).isEqualTo(backend);
        assertThat(BackendJson.fromJson(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(backend);
        assertThat(BackendJson.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(backend);
        assertThat(BackendJson.fromJson(BackendJson.toPrettyJson(backend))).isEqualTo(backend);
    }

    @Property(tries = 1000)
    void jsonTreeIsPreservedByReadingAndWriting(@ForAll("backends") Backend backend) {
        JsonNode tree = BackendJson.jsonMapper().readTree(BackendJson.toJson(backend));

        Backend read = BackendJson.fromTree(tree);

        assertThat(BackendJson.toTree(read)).isEqualTo(tree);
        assertThat(BackendJson.toTree(backend)).isEqualTo(tree);
        assertThat(read).isEqualTo(backend);
    }

    @Property(tries = 1000)
    void yamlRoundTripGivesAnEqualBackend(@ForAll("yamlBackends") Backend backend) {
        String yaml = BackendJson.toYaml(backend);

        assertThat(BackendJson.fromYaml(yaml)).isEqualTo(backend);
        assertThat(BackendJson.readAll(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))).containsExactly(backend);
    }

    @Property(tries = 1000)
    void yamlStreamOfSeveralBackendsRoundTripsInOrder(@ForAll("yamlBackends") Backend first, @ForAll("yamlBackends") Backend second) {
        List<Backend> backends = List.of(first, second, first);

        assertThat(BackendJson.readAllFromString(BackendJson.toYaml(backends))).containsExactlyElementsOf(backends);
    }

    @Property(tries = 1000)
    void yamlAndJsonOfTheSameBackendAreTheSameTree(@ForAll("backends") Backend backend) {
        JsonNode fromJson = BackendJson.jsonMapper().readTree(BackendJson.toJson(backend));
        JsonNode fromYaml = BackendJson.yamlMapper().readTree(BackendJson.toYaml(backend));

        assertThat(fromYaml).isEqualTo(fromJson);
    }

    /**
     * Every code point of U+0000 to U+00FF and U+2000 to U+206F, and the specials U+FEFF, U+FFFD,
     * U+FFFE, U+FFFF, U+1F600, U+10FFFF, alone, first, last and inside a string, as an annotation
     * value, an annotation key and a list item: 1,496 strings, each through JSON and YAML. (A string
     * starting with U+0085 came back from YAML as null before BackendJson quoted it.)
     */
    @Example
    void everyCodePointSurvivesJsonAndYamlInEveryPosition() {
        List<Integer> codePoints = new ArrayList<>();
        for (int cp = 0; cp <= 0xff; cp++) {
            codePoints.add(cp);
        }
        for (int cp = 0x2000; cp <= 0x206f; cp++) {
            codePoints.add(cp);
        }
        codePoints.addAll(List.of(0xfeff, 0xfffd, 0xfffe, 0xffff, 0x1f600, 0x10ffff));
        List<String> failures = new ArrayList<>();
        int strings = 0;

        for (int cp : codePoints) {
            String c = new String(Character.toChars(cp));
            for (String text : List.of(c, c + "a", "a" + c, "a" + c + "b")) {
                strings++;
                Backend backend = Backend.builder().metadata(ObjectMeta.builder().name("x")
                        .putAnnotations("k", text).putAnnotations(text + "-key", "v").addFinalizers(text).build()).build();
                try {
                    if (!BackendJson.fromYaml(BackendJson.toYaml(backend)).equals(backend)) {
                        failures.add("YAML U+" + Integer.toHexString(cp) + " in \"" + text.length() + " chars\"");
                    }
                    if (!BackendJson.fromJson(BackendJson.toJson(backend)).equals(backend)) {
                        failures.add("JSON U+" + Integer.toHexString(cp));
                    }
                } catch (RuntimeException e) {
                    failures.add("U+" + Integer.toHexString(cp) + ": " + e.getMessage());
                }
            }
        }

        assertThat(strings).isEqualTo(1496);
        assertThat(failures).isEmpty();
    }

    /**
     * What toJson writes can be read back: an unknown member named like a declared member (which
     * would make toJson write the name twice, a document the read methods reject) is refused when
     * the object is built, on each of the 4 model types tried here, and through withAdditionalProperties.
     */
    @Example
    void unknownMemberNamedLikeADeclaredMemberIsRefusedWhenBuilt() {
        tools.jackson.databind.JsonNode value = BackendJson.jsonMapper().getNodeFactory().stringNode("x");
        List<Runnable> builds = List.of(
                () -> ObjectMeta.builder().name("a").putAdditionalProperties("name", value).build(),
                () -> Backend.builder().putAdditionalProperties("spec", value).build(),
                () -> dev.kgateway.sdk.model.StaticHost.builder().host("h").port(1).putAdditionalProperties("port", value).build(),
                () -> dev.kgateway.sdk.model.AuthToken.builder().build().withAdditionalProperties(java.util.Map.of("secretRef", value)));

        for (Runnable build : builds) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(build::run))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is a declared member");
        }
        assertThat(ObjectMeta.builder().name("a").putAdditionalProperties("selfLink", value).build().getAdditionalProperties())
                .containsOnlyKeys("selfLink");
    }
}
