package dev.kgateway.sdk.codegen;

import com.sun.codemodel.CodeWriter;
import com.sun.codemodel.JCodeModel;
import com.sun.codemodel.JPackage;
import org.jsonschema2pojo.DefaultGenerationConfig;
import org.jsonschema2pojo.GenerationConfig;
import org.jsonschema2pojo.NoopAnnotator;
import org.jsonschema2pojo.SchemaGenerator;
import org.jsonschema2pojo.SchemaMapper;
import org.jsonschema2pojo.SchemaStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a schema snippet through jsonschema2pojo with {@link ImmutablesRuleFactory}, configured as
 * the sdk-model build configures the plugin, and returns the generated sources by file path.
 */
final class GeneratorHarness {

    static final String PACKAGE = "com.example";

    private GeneratorHarness() {
    }

    static GenerationConfig config() {
        return new DefaultGenerationConfig() {
            @Override
            public Map<String, String> getFormatTypeMapping() {
                return Map.of("date-time", "java.lang.String", "int64", "java.lang.Long");
            }

            @Override
            public boolean isIncludeGeneratedAnnotation() {
                return false;
            }
        };
    }

    /**
     * Generates from {@code json}, written to {@code <dir>/<fileName>} and read from there by URL
     * as the Maven plugin does (so {@code $ref}s and schema ids behave the same).
     *
     * @return source text by path, e.g. {@code com/example/Thing.java}
     */
    static Map<String, String> generate(Path dir, String fileName, String json) {
        try {
            Path file = dir.resolve(fileName);
            Files.writeString(file, json);
            ImmutablesRuleFactory factory = new ImmutablesRuleFactory();
            factory.setGenerationConfig(config());
            factory.setAnnotator(new NoopAnnotator());
            factory.setSchemaStore(new SchemaStore());
            JCodeModel codeModel = new JCodeModel();
            new SchemaMapper(factory, new SchemaGenerator())
                    .generate(codeModel, fileName.replace(".json", ""), PACKAGE, file.toUri().toURL());
            return write(codeModel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sources of everything defined in {@code codeModel}, by file path. */
    static Map<String, String> write(JCodeModel codeModel) {
        try {
            MemoryCodeWriter writer = new MemoryCodeWriter();
            codeModel.build(writer);
            return writer.sources();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source of one generated class of package {@link #PACKAGE}. */
    static String source(Map<String, String> sources, String simpleName) {
        String path = PACKAGE.replace('.', '/') + "/" + simpleName + ".java";
        String source = sources.get(path);
        if (source == null) {
            throw new AssertionError("no " + path + " among " + sources.keySet());
        }
        return source;
    }

    /**
     * Collapses runs of whitespace and drops package qualifiers ({@code com.example.Child} becomes
     * {@code Child}), so assertions depend neither on CodeModel's line breaks nor on whether it
     * chose to import a type or to qualify it.
     */
    static String squash(String source) {
        return source.replaceAll("\\s+", " ").replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])", "");
    }

    private static final class MemoryCodeWriter extends CodeWriter {
        private final Map<String, ByteArrayOutputStream> files = new TreeMap<>();

        @Override
        public OutputStream openBinary(JPackage pkg, String fileName) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String dir = pkg.isUnnamed() ? "" : pkg.name().replace('.', '/') + "/";
            files.put(dir + fileName, out);
            return out;
        }

        @Override
        public void close() {
        }

        Map<String, String> sources() {
            Map<String, String> out = new TreeMap<>();
            files.forEach((name, bytes) -> out.put(name, bytes.toString(StandardCharsets.UTF_8)));
            return out;
        }
    }
}
