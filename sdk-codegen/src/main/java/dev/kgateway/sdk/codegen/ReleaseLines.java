package dev.kgateway.sdk.codegen;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which kgateway release lines, and whether the seed schema, have a property path: read from the
 * vendored inputs next to the schema being generated, so the Javadoc says what each release serves
 * without anyone typing it.
 *
 * <p>Layout, relative to the directory of the schema file ({@code schema/backend.json}):
 * <ul>
 *   <li>{@code upstream/*-<line>.yaml}: a CustomResourceDefinition per release line; the line is
 *       the file name's last {@code -} part ({@code backends-crd-v2.3.yaml} is {@code v2.3},
 *       {@code backends-crd-main.yaml} is {@code main}). Lines sort by version, {@code main} last.
 *       Of the CRD's versions the one named like the schema's {@code apiVersion} constant counts,
 *       else the storage version.</li>
 *   <li>{@code seed/*.json}: the seed schema(s).</li>
 * </ul>
 * Without an {@code upstream} directory there is nothing to say and {@link #describe} returns null.
 *
 * <p>Kubernetes defines the root {@code metadata} of every custom resource (a CRD only declares
 * {@code metadata: {type: object}}), so a release that has {@code metadata} has every path under it.
 */
final class ReleaseLines {

    static final String UPSTREAM_DIR = "upstream";
    static final String SEED_DIR = "seed";
    private static final Pattern LINE = Pattern.compile(".*-([^-]+)\\.ya?ml");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");
    private static final String LAST = "main";

    private final List<String> lines;
    private final Map<String, Set<String>> pathsByLine;
    private final List<Set<String>> seeds;

    ReleaseLines(Map<String, Set<String>> pathsByLine, List<Set<String>> seeds) {
        this.lines = new ArrayList<>(pathsByLine.keySet());
        this.lines.sort(ReleaseLines::compareLines);
        this.pathsByLine = pathsByLine;
        this.seeds = seeds;
    }

    /**
     * Reads the release CRDs and the seed next to {@code schemaFile}.
     *
     * @return the release lines, or {@code null} when there is no {@code upstream} directory
     */
    static ReleaseLines load(Path schemaFile) {
        Path dir = schemaFile.toAbsolutePath().getParent();
        Path upstream = dir.resolve(UPSTREAM_DIR);
        if (!Files.isDirectory(upstream)) {
            return null;
        }
        JsonMapper json = JsonMapper.builder().build();
        YAMLMapper yaml = YAMLMapper.builder().build();
        String apiVersion = readTree(json, schemaFile).path("properties").path("apiVersion").path("const").asString("");
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Map<String, Set<String>> byLine = new LinkedHashMap<>();
        for (Path crd : list(upstream)) {
            Matcher m = LINE.matcher(crd.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            JsonNode schema = openApiSchema(yaml, crd, version);
            if (byLine.put(m.group(1), SchemaPaths.of(schema).all()) != null) {
                throw new GenerationException("two CRDs in " + upstream + " are for release line " + m.group(1));
            }
        }
        List<Set<String>> seeds = new ArrayList<>();
        Path seedDir = dir.resolve(SEED_DIR);
        if (Files.isDirectory(seedDir)) {
            for (Path seed : list(seedDir)) {
                if (seed.getFileName().toString().endsWith(".json")) {
                    seeds.add(SchemaPaths.of(readTree(json, seed)).all());
                }
            }
        }
        return new ReleaseLines(byLine, seeds);
    }

    /** The release lines in order, oldest first. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether release {@code line} has {@code path}. */
    boolean has(String line, String path) {
        Set<String> paths = pathsByLine.get(line);
        return paths != null && (paths.contains(path) || path.startsWith("metadata.") && paths.contains("metadata"));
    }

    /** Whether a seed schema has {@code path}. */
    boolean inSeed(String path) {
        return seeds.stream().anyMatch(s -> s.contains(path));
    }

    /**
     * Whether a member is in the seed schema only: no release line has any of its instance paths,
     * and a seed schema has one.
     *
     * @param paths the member's instance paths
     */
    boolean seedOnly(Collection<String> paths) {
        for (String line : lines) {
            if (paths.stream().anyMatch(p -> has(line, p))) {
                return false;
            }
        }
        return paths.stream().anyMatch(this::inSeed);
    }

    /**
     * The release lines that have {@code path}, as {@link #ranges} words ("v2.0 and later"), or
     * {@code null} when none has it.
     */
    String servedBy(String path) {
        List<String> having = lines.stream().filter(line -> has(line, path)).toList();
        return having.isEmpty() ? null : ranges(having);
    }

    /**
     * One sentence naming where a member exists, for the union of its instance paths:
     * "Present in kgateway v2.3 and later.", "Present in kgateway v2.0 to v2.1 and in the seed
     * schema.", "Present in the seed schema only.", "Present in no kgateway release nor in the seed
     * schema: an addition of this SDK's schema."
     *
     * @param paths the member's instance paths ({@code spec.aws.region}); a member of a shared
     *              definition has several
     */
    String describe(Collection<String> paths) {
        List<String> having = new ArrayList<>();
        for (String line : lines) {
            if (paths.stream().anyMatch(p -> has(line, p))) {
                having.add(line);
            }
        }
        boolean seed = paths.stream().anyMatch(this::inSeed);
        if (having.isEmpty()) {
            return seed ? "Present in the seed schema only."
                    : "Present in no kgateway release nor in the seed schema: an addition of this SDK's schema.";
        }
        return "Present in kgateway " + ranges(having) + (seed ? " and in the seed schema." : ".");
    }

    /** "v2.1", "v2.3 and later", "v2.0 to v2.1", "v2.0 and v2.2 to main". */
    String ranges(List<String> having) {
        List<int[]> runs = new ArrayList<>();
        for (String line : having) {
            int i = lines.indexOf(line);
            int[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == i - 1) {
                last[1] = i;
            } else {
                runs.add(new int[] {i, i});
            }
        }
        int end = lines.size() - 1;
        if (runs.size() == 1 && runs.get(0)[1] == end && runs.get(0)[0] < end) {
            return lines.get(runs.get(0)[0]) + " and later";
        }
        List<String> parts = new ArrayList<>();
        for (int[] run : runs) {
            parts.add(run[0] == run[1] ? lines.get(run[0]) : lines.get(run[0]) + " to " + lines.get(run[1]));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    static int compareLines(String a, String b) {
        return LINE_ORDER.compare(a, b);
    }

    private static final Comparator<String> LINE_ORDER = Comparator
            .comparing((String l) -> l.equals(LAST))
            .thenComparing(l -> !VERSION.matcher(l).matches())
            .thenComparing(ReleaseLines::versionKey)
            .thenComparing(Comparator.naturalOrder());

    private static long versionKey(String line) {
        Matcher m = VERSION.matcher(line);
        if (!m.matches()) {
            return 0;
        }
        long key = 0;
        for (int g = 1; g <= 3; g++) {
            key = key * 100_000 + (m.group(g) == null ? 0 : Long.parseLong(m.group(g)));
        }
        return key;
    }

    private static JsonNode openApiSchema(YAMLMapper yaml, Path crd, String version) {
        JsonNode chosen = null;
        try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(crd.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (!"CustomResourceDefinition".equals(doc.path("kind").asString(""))) {
                    continue;
                }
                for (JsonNode v : doc.path("spec").path("versions")) {
                    if (v.path("name").asString("").equals(version) || chosen == null && v.path("storage").asBoolean(false)) {
                        chosen = v.path("schema").path("openAPIV3Schema");
                    }
                }
            }
        }
        if (chosen == null || chosen.isMissingNode()) {
            throw new GenerationException(crd + " has no CustomResourceDefinition version '" + version
                    + "' (nor a storage version) with an openAPIV3Schema");
        }
        return chosen;
    }

    private static JsonNode readTree(JsonMapper json, Path file) {
        return json.readTree(file.toFile());
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
