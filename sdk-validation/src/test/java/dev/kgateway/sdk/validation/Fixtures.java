package dev.kgateway.sdk.validation;

import dev.kgateway.sdk.model.BackendJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Real kgateway Backends by release line, from every fixture directory
 * ({@code kgateway.fixtures.dirs}: this module's copies and sdk-model's, which grows per line in
 * {@code upstream/<line>/}). The line is the subdirectory ({@code v2.0}, {@code main}) or the file
 * name's suffix ({@code 12-ai-providers-v2.0.x.yaml}, {@code 01-static-main.yaml}).
 */
final class Fixtures {

    /** One Backend document of a release line. */
    record Doc(String name, KgatewayRelease release, JsonNode tree) {
        @Override
        public String toString() {
            return name + " (" + release + ")";
        }
    }

    private static final Pattern SUFFIX = Pattern.compile("-(main|v\\d+\\.\\d+)(\\.x)?\\.ya?ml$");

    private Fixtures() {
    }

    static List<Doc> all() {
        String dirs = System.getProperty("kgateway.fixtures.dirs", "src/test/resources/upstream");
        Map<String, Path> files = new LinkedHashMap<>();
        for (String d : dirs.split(",")) {
            Path dir = Path.of(d.trim());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .forEach(p -> files.putIfAbsent(dir.relativize(p).toString(), p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Doc> out = new ArrayList<>();
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Optional<KgatewayRelease> release = lineOf(f.getKey());
            if (release.isEmpty()) {
                continue;
            }
            int i = 0;
            for (JsonNode doc : read(f.getValue())) {
                if ("Backend".equals(doc.path("kind").asString(""))) {
                    out.add(new Doc(f.getKey() + "#" + i++, release.get(), doc));
                }
            }
        }
        return out;
    }

    static Optional<KgatewayRelease> lineOf(String relativePath) {
        Path p = Path.of(relativePath);
        if (p.getNameCount() > 1) {
            return release(p.getName(0).toString());
        }
        Matcher m = SUFFIX.matcher(relativePath);
        return m.find() ? release(m.group(1)) : Optional.empty();
    }

    private static Optional<KgatewayRelease> release(String line) {
        String name = line.equals("main") ? "MAIN" : line.toUpperCase().replace("V", "V").replace('.', '_').replaceAll("_X$", "");
        try {
            return Optional.of(KgatewayRelease.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static List<JsonNode> read(Path file) {
        try (MappingIterator<JsonNode> it = BackendJson.yamlMapper().readerFor(JsonNode.class).readValues(Files.readString(file))) {
            List<JsonNode> out = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.isObject()) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resourceDoc(String resource) {
        try {
            return read(Path.of(Fixtures.class.getResource(resource).toURI())).get(0);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
