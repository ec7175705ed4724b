package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated sources and the bundled CRD name the schema by its repository path
 * ({@code schema/backend.json}), never by the build machine's file system, so the published
 * sources and javadoc jars are the same wherever they are built.
 */
class ReproducibleSourcesTest {

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static String buildRoot() {
        return Path.of("").toAbsolutePath().getParent().toString();
    }

    @Test
    void generatedSourcesCarryNoAbsolutePath() throws IOException {
        List<Path> sources = files(Path.of("target", "generated-sources"));

        assertThat(sources).hasSizeGreaterThan(20);
        for (Path f : sources) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain(buildRoot()).doesNotContain("file:/");
        }
    }

    @Test
    void theBundledCrdCarriesNoAbsolutePath() throws IOException {
        for (Path f : files(Path.of("target", "classes", "META-INF", "kgateway-sdk"))) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain(buildRoot()).doesNotContain("file:/");
        }
    }

    @Test
    void classJavadocNamesTheSchemaByItsRepositoryPath() throws IOException {
        String staticHost = Files.readString(ReleaseJavadocTest.GENERATED.resolve("StaticHost.java"));

        assertThat(staticHost).contains("Generated from <code>schema/backend.json#/properties/spec/properties/static/properties/hosts/items</code>");
    }
}
