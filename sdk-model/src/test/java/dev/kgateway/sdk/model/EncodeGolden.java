package dev.kgateway.sdk.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The encode corpus of {@link GeneratedSerializersTest}: every Backend of the upstream fixtures, of a
 * generated API-server list (managedFields, last-applied annotation, unknown members) and of
 * {@code encode/edge-cases.yaml}, written by every public route ({@code toJson}, {@code toPrettyJson},
 * {@code toYaml}, {@code toTree}, a default Jackson 3 mapper, and one that orders map entries).
 *
 * <p>The expected files under {@code src/test/resources/encode/expected} were written by
 * {@link #main} against the model as it was before the generated serializers (Jackson's bean
 * serializer), so the test proves the output did not change by a byte. Run {@code main} with the
 * resources directory as argument to write them again (only when an output change is intended).
 */
final class EncodeGolden {

    /** The ways a Backend is written, by the name of its expected file. */
    static final Map<String, Function<Backend, String>> ROUTES = routes();

    private EncodeGolden() {
    }

    private static Map<String, Function<Backend, String>> routes() {
        JsonMapper plain = JsonMapper.builder().build();
        JsonMapper ordered = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        JsonMapper unwrapped = BackendJson.jsonMapper().rebuild().enable(SerializationFeature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED).build();
        Map<String, Function<Backend, String>> routes = new java.util.LinkedHashMap<>();
        routes.put("json", BackendJson::toJson);
        routes.put("pretty-json", BackendJson::toPrettyJson);
        routes.put("yaml", BackendJson::toYaml);
        routes.put("tree", b -> BackendJson.toTree(b).toString());
        routes.put("plain-mapper", plain::writeValueAsString);
        routes.put("ordered-map-entries", ordered::writeValueAsString);
        routes.put("unwrapped-single-arrays", unwrapped::writeValueAsString);
        return routes;
    }

    /** The input files, relative to the resources directory. */
    static List<String> inputs(Path resources) throws IOException {
        List<String> files = new ArrayList<>();
        for (String dir : List.of("upstream", "upstream/main", "encode")) {
            try (Stream<Path> list = Files.list(resources.resolve(dir))) {
                list.map(Path::getFileName).map(Path::toString)
                        .filter(n -> n.endsWith(".yaml") || n.endsWith(".json"))
                        .sorted()
                        .forEach(n -> files.add(dir + "/" + n));
            }
        }
        return files;
    }

    /** Every Backend of a YAML stream or of a JSON {@code BackendList}, decoded by the model. */
    static List<Backend> backends(Path file) throws IOException {
        List<Backend> out = new ArrayList<>();
        String text = Files.readString(file);
        try (MappingIterator<JsonNode> it = BackendJson.yamlMapper().readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode tree = it.nextValue();
                if (tree == null || !tree.isObject()) {
                    continue;
                }
                if ("BackendList".equals(tree.path("kind").asString(""))) {
                    for (JsonNode item : tree.path("items")) {
                        out.add(BackendJson.fromTree(item));
                    }
                } else if ("Backend".equals(tree.path("kind").asString(""))) {
                    out.add(BackendJson.fromTree(tree));
                }
            }
        }
        return out;
    }

    /** Every Backend of {@code file} written by {@code route}, each after a {@code === n} line. */
    static String render(Path file, Function<Backend, String> route) throws IOException {
        StringBuilder out = new StringBuilder();
        List<Backend> all = backends(file);
        for (int i = 0; i < all.size(); i++) {
            out.append("=== ").append(i + 1).append('\n').append(route.apply(all.get(i))).append('\n');
        }
        return out.toString();
    }

    static Path expected(Path resources, String input, String route) {
        return resources.resolve("encode/expected").resolve(input.replace('/', '_') + "." + route + ".txt");
    }

    /** Writes the expected files: {@code main(src/test/resources)}. */
    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args[0]);
        Files.createDirectories(resources.resolve("encode/expected"));
        for (String input : inputs(resources)) {
            for (Map.Entry<String, Function<Backend, String>> route : ROUTES.entrySet()) {
                Files.writeString(expected(resources, input, route.getKey()), render(resources.resolve(input), route.getValue()),
                        StandardCharsets.UTF_8);
            }
        }
    }
}
