package dev.kgateway.sdk.validation.internal;

import dev.kgateway.sdk.validation.KgatewayRelease;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;

/**
 * Writes {@link AstStore#RESOURCE}: compiles the CEL rules of every {@link KgatewayRelease} and keeps
 * their checked ASTs. Run by the module's build (exec-maven-plugin at {@code process-classes}), so a
 * fresh JVM plans the bundled releases' programs without parsing or type-checking a rule.
 *
 * <pre>java -cp ... dev.kgateway.sdk.validation.internal.AstStoreGenerator target/classes/META-INF/kgateway-sdk/cel-asts.bin</pre>
 */
public final class AstStoreGenerator {

    private AstStoreGenerator() {
    }

    /**
     * @param args the file to write
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: AstStoreGenerator <output file>");
        }
        AstStore store = generate();
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            store.write(o);
        }
        System.out.println("AstStoreGenerator: " + store.misses() + " CEL expressions of " + KgatewayRelease.values().length
                + " releases -> " + out);
    }

    /** @return a recording store holding every bundled release's checked ASTs */
    static AstStore generate() {
        AstStore store = AstStore.recording();
        for (KgatewayRelease release : KgatewayRelease.values()) {
            new SchemaCompiler(store).compile(schemaOf(release.crd()));
        }
        return store;
    }

    private static JsonNode schemaOf(JsonNode crd) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (KgatewayRelease.VERSION.equals(v.path("name").asString(null))) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("no " + KgatewayRelease.VERSION + " in " + crd.path("metadata").path("name"));
    }
}
