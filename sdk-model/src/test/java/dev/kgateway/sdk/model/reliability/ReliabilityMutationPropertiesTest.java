package dev.kgateway.sdk.model.reliability;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendJson;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.kgateway.sdk.model.reliability.ReliabilityReads.read;

/**
 * Random damage to valid documents: 1,000 tries each for JSON and YAML, every try one to three
 * mutations of a random Backend's text (truncation, junk inserted, ranges deleted or repeated,
 * a value replaced by one of another JSON type, a duplicate name, a huge string or number,
 * 300 levels of nesting, stray YAML indicators, control characters, invalid UTF-8 bytes). Each
 * mutated text is read through every entry point of its format; each read must give a Backend or a
 * {@code BackendReadException} that says where, within 5 s (see {@link ReliabilityReads}).
 */
class ReliabilityMutationPropertiesTest {

    private static final List<String> JUNK = List.of("{", "}", "[", "]", "\"", ":", ",", "\\", "\u0000", "\u001f", "\ud83d", "\ufeff",
            "null", "true", "-", "1e999", "0x", "\n", "\t", "  ", "#", "&a ", "*a", "!!binary ", "!<tag:x> ", "? ", "- ", "---\n", "...\n",
            "%TAG ! tag:x,2024:\n", "|\n", ">-\n", "'", "@", "`", "<<: ", "\r", "\u2028", "\u0085");

    @Provide
    Arbitrary<Backend> backends() {
        return ReliabilityArbitraries.backends();
    }

    @Property(tries = 1000)
    void mutatedJsonIsABackendOrAReadError(@ForAll("backends") Backend backend, @ForAll Random random) {
        String json = mutate(BackendJson.toJson(backend), random, BackendJson.jsonMapper());
        byte[] bytes = random.nextInt(5) == 0 ? withInvalidUtf8(json, random) : json.getBytes(StandardCharsets.UTF_8);

        ReliabilityReads.Outcome text = read("fromJson(String)", () -> BackendJson.fromJson(json));
        read("fromJson(byte[])", () -> BackendJson.fromJson(bytes));
        read("fromJson(InputStream)", () -> BackendJson.fromJson(new ByteArrayInputStream(bytes)));

        Statistics.label("JSON outcome").collect(text.error() == null ? "Backend" : "BackendReadException");
        Statistics.label("JSON outcome").coverage(c -> {
            c.check("BackendReadException").percentage(p -> p > 50);
            c.check("Backend").count(n -> n > 0);
        });
    }

    @Property(tries = 1000)
    void mutatedYamlIsABackendOrAReadError(@ForAll("backends") Backend backend, @ForAll Random random) {
        String yaml = mutate(BackendJson.toYaml(backend.withKind(null)), random, BackendJson.yamlMapper());
        byte[] bytes = random.nextInt(5) == 0 ? withInvalidUtf8(yaml, random) : yaml.getBytes(StandardCharsets.UTF_8);

        ReliabilityReads.Outcome text = read("readAll(String)", () -> BackendJson.readAllFromString(yaml));
        read("readAll(InputStream)", () -> BackendJson.readAll(new ByteArrayInputStream(bytes)));
        read("fromYaml(String)", () -> BackendJson.fromYaml(yaml));

        Statistics.label("YAML outcome").collect(text.error() == null ? "Backends" : "BackendReadException");
        Statistics.label("YAML outcome").coverage(c -> {
            c.check("BackendReadException").percentage(p -> p > 30);
            c.check("Backends").count(n -> n > 0);
        });
    }

    // ---- mutations ----

    private static String mutate(String text, Random r, ObjectMapper format) {
        String out = text;
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            out = switch (r.nextInt(10)) {
                case 0 -> out.substring(0, r.nextInt(out.length() + 1));
                case 1 -> insert(out, r, JUNK.get(r.nextInt(JUNK.size())));
                case 2 -> deleteRange(out, r);
                case 3 -> repeatRange(out, r);
                case 4 -> replaceValue(out, r, format, ReliabilityArbitraries.json(r, 2));
                case 5 -> duplicateName(out, r, format == BackendJson.jsonMapper());
                case 6 -> replaceValue(out, r, format, r.nextBoolean()
                        ? format.getNodeFactory().stringNode("s".repeat(100_000))
                        : format.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(400))));
                case 7 -> replaceValue(out, r, format, deepArrays(300));
                case 8 -> insert(out, r, new String(Character.toChars(r.nextInt(0x30))));
                default -> insert(out, r, ReliabilityArbitraries.anyText(r));
            };
        }
        return out;
    }

    private static String insert(String text, Random r, String piece) {
        int at = r.nextInt(text.length() + 1);
        return text.substring(0, at) + piece + text.substring(at);
    }

    private static String deleteRange(String text, Random r) {
        if (text.isEmpty()) {
            return text;
        }
        int from = r.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + r.nextInt(20));
        return text.substring(0, from) + text.substring(to);
    }

    private static String repeatRange(String text, Random r) {
        if (text.isEmpty()) {
            return text;
        }
        int from = r.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + r.nextInt(40));
        return insert(text, r, text.substring(from, to));
    }

    /** Replaces a random node of the document's tree (if it still parses) by {@code value}. */
    private static String replaceValue(String text, Random r, ObjectMapper format, JsonNode value) {
        JsonNode tree;
        try {
            tree = format.readTree(text);
        } catch (RuntimeException alreadyBroken) {
            return text;
        }
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(tree, containers);
        if (containers.isEmpty()) {
            return text;
        }
        JsonNode parent = containers.get(r.nextInt(containers.size()));
        if (parent instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            object.set(names.get(r.nextInt(names.size())), value);
        } else if (parent instanceof ArrayNode array && !array.isEmpty()) {
            array.set(r.nextInt(array.size()), value);
        } else {
            return text;
        }
        return format.writeValueAsString(tree);
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node != null && node.isContainer()) {
            out.add(node);
            node.values().forEach(child -> collectContainers(child, out));
        }
    }

    /** Repeats the first member name of a random object (JSON), or a random line's key (YAML). */
    private static String duplicateName(String text, Random r, boolean json) {
        if (json) {
            List<Integer> starts = new ArrayList<>();
            for (int i = text.indexOf("{\""); i >= 0; i = text.indexOf("{\"", i + 1)) {
                starts.add(i);
            }
            if (starts.isEmpty()) {
                return text;
            }
            int at = starts.get(r.nextInt(starts.size())) + 1;
            return text.substring(0, at) + "\"dup\":1,\"dup\":2," + text.substring(at);
        }
        String[] lines = text.split("\n", -1);
        int line = r.nextInt(lines.length);
        String indent = lines[line].substring(0, lines[line].length() - lines[line].stripLeading().length());
        lines[line] = indent + "dup: 1\n" + indent + "dup: 2\n" + lines[line];
        return String.join("\n", lines);
    }

    private static JsonNode deepArrays(int depth) {
        ArrayNode node = BackendJson.jsonMapper().getNodeFactory().arrayNode();
        for (int i = 1; i < depth; i++) {
            node = BackendJson.jsonMapper().getNodeFactory().arrayNode().add(node);
        }
        return node;
    }

    private static byte[] withInvalidUtf8(String text, Random r) {
        byte[] valid = text.getBytes(StandardCharsets.UTF_8);
        byte[][] invalid = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        byte[] bad = invalid[r.nextInt(invalid.length)];
        int at = r.nextInt(valid.length + 1);
        byte[] out = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(valid, at, out, at + bad.length, valid.length - at);
        return out;
    }
}
