package dev.kgateway.sdk.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Points the map attributes of the {@code Immutable*} classes that Immutables generated at the model's
 * compact map, between the annotation-processing-only compilation of {@code sdk-model} and its real
 * one. Immutables 2.12.2 with {@code jdkOnly} collects a map attribute in a {@code LinkedHashMap} in
 * the builder and copies it again into {@code Collections.unmodifiableMap(new LinkedHashMap<>(..))}
 * in {@code build()}, {@code with*} and {@code copyOf}; it has no style option for another map, and
 * its {@code @Encoding} annotations are not available to this build. Two textual changes per class:
 * <ul>
 *   <li>each builder field {@code private Map<K, V> x = new LinkedHashMap<K, V>();} becomes a
 *       {@code dev.kgateway.sdk.model.internal.CompactMapBuffer<K, V>};</li>
 *   <li>the body of the class's private {@code createUnmodifiableMap(checkNulls, skipNulls, map)}
 *       becomes a call of {@code dev.kgateway.sdk.model.internal.CompactMap.copyOf} with the same
 *       contract (same null messages, empty and singleton maps as before, insertion order kept).</li>
 * </ul>
 * The public API of the generated classes does not change. The rewrite is strict: a class whose
 * shape differs from what this expects (another Immutables version) fails the build instead of being
 * left half rewritten.
 */
public final class CompactMapRewriter {

    static final String BUFFER = "dev.kgateway.sdk.model.internal.CompactMapBuffer";
    static final String COPY = "dev.kgateway.sdk.model.internal.CompactMap.copyOf";
    static final String FACTORY = "  private static <K, V> Map<K, V> createUnmodifiableMap(boolean checkNulls, boolean skipNulls, Map<? extends K, ? extends V> map) {";
    private static final Pattern BUILDER_FIELD =
            Pattern.compile("(?m)^(\\s+private Map<([^;=]+)> \\w+ = )new LinkedHashMap<\\2>\\(\\);$");

    private CompactMapRewriter() {
    }

    /**
     * @param args the directory Immutables generated into, and the directory to write the rewritten
     *             sources to (emptied first)
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CompactMapRewriter <immutables-sources> <output>");
        }
        Path input = Path.of(args[0]);
        Path output = Path.of(args[1]);
        if (Files.exists(output)) {
            try (Stream<Path> old = Files.walk(output)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(input)) {
            files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("no sources under " + input + ": did the Immutables pass run?");
        }
        int rewritten = 0;
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            String result = rewrite(source.getFileName().toString(), text);
            if (!result.equals(text)) {
                rewritten++;
            }
            Path target = output.resolve(input.relativize(source));
            Files.createDirectories(target.getParent());
            try {
                Files.writeString(target, result, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.println("[compact maps] " + rewritten + " of " + sources.size() + " Immutables classes rewritten into " + output);
    }

    /**
     * @param name the file name, for messages
     * @param text one generated class
     * @return the class with its map attributes on the compact map; {@code text} when it has none
     */
    public static String rewrite(String name, String text) {
        Matcher fields = BUILDER_FIELD.matcher(text);
        String result = fields.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "new " + BUFFER + "<" + m.group(2) + ">();"));
        int factory = result.indexOf(FACTORY);
        if (factory >= 0) {
            int open = factory + FACTORY.length() - 1;
            int close = matchingBrace(result, open);
            result = result.substring(0, open + 1)
                    + "\n    return " + COPY + "(checkNulls, skipNulls, map);\n  "
                    + result.substring(close);
        }
        if (result.contains("new LinkedHashMap")) {
            throw new IllegalStateException(name + ": a LinkedHashMap is left after the compact-map rewrite;"
                    + " the Immutables output has a shape this rewrite does not know");
        }
        if (result.contains(BUFFER) && factory < 0) {
            throw new IllegalStateException(name + ": builder maps rewritten but no createUnmodifiableMap found");
        }
        return result;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces after index " + open);
    }
}
