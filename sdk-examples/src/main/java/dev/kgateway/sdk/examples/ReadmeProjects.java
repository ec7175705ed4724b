package dev.kgateway.sdk.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the projects that the READMEs spell out, file by file, from their snippets: a fenced block
 * right after a marker line {@code <!-- readme-project NAME: PATH -->} becomes the file {@code PATH}
 * of project {@code NAME}, exactly as written. The build writes them to
 * {@code target/readme-projects} and runs each as its own Maven project (maven-invoker-plugin), so a
 * README snippet that stops compiling or working fails {@code mvn verify}.
 *
 * <pre>{@code
 * <!-- readme-project consumer: pom.xml -->
 * ```xml
 * <project>...</project>
 * ```
 * }</pre>
 * A marker ending in {@code body} ({@code <!-- readme-project consumer: src/main/java/A.java body -->})
 * marks statements rather than a whole file: they replace the line {@value #PLACEHOLDER} of the
 * template {@code PATH.template} of that project (in the templates directory), indented like it.
 *
 * <p>{@code java dev.kgateway.sdk.examples.ReadmeProjects <repository root> <output directory> <templates directory>}
 * reads {@code README.md} and every module's {@code README.md}.
 */
public final class ReadmeProjects {

    /** The marker line before a snippet that is a file of a project. */
    static final Pattern MARKER = Pattern.compile("<!-- readme-project ([a-z0-9][a-z0-9-]*): ([A-Za-z0-9_./-]+)( body)? -->");

    /** The line of a template that a {@code body} snippet replaces, indented as the snippet will be. */
    static final String PLACEHOLDER = "// README";

    private ReadmeProjects() {
    }

    /**
     * @param markdown a README's text
     * @return project-relative file ({@code consumer/pom.xml}) to the snippet's text, in order
     * @throws IllegalArgumentException when a marker is not followed by a fenced block, the block is
     *                                  not closed, a path leaves its project, or a file is given twice
     */
    public static Map<String, String> files(String markdown, java.util.function.Function<String, String> templates) {
        List<String> lines = markdown.lines().toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).trim());
            if (!m.matches()) {
                continue;
            }
            String where = "line " + (i + 1) + " (" + m.group(1) + ": " + m.group(2) + ")";
            if (m.group(2).startsWith("/") || List.of(m.group(2).split("/")).contains("..")) {
                throw new IllegalArgumentException(where + ": the path must stay inside its project");
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
                throw new IllegalArgumentException(where + ": a readme-project marker must be followed by a fenced code block");
            }
            List<String> block = new ArrayList<>();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).equals("```"); j++) {
                block.add(lines.get(j));
            }
            if (j >= lines.size()) {
                throw new IllegalArgumentException(where + ": the code block is not closed");
            }
            String file = m.group(1) + "/" + m.group(2);
            String text = String.join("\n", block) + "\n";
            if (m.group(3) != null) {
                text = fill(templates.apply(file + ".template"), block, where);
            }
            if (out.put(file, text) != null) {
                throw new IllegalArgumentException(where + ": " + file + " is given twice");
            }
            i = j;
        }
        return out;
    }

    /** The template with its placeholder line replaced by {@code block}, each line indented like the placeholder. */
    static String fill(String template, List<String> block, String where) {
        if (template == null) {
            throw new IllegalArgumentException(where + ": a body snippet needs its template (the file's path + .template)");
        }
        StringBuilder out = new StringBuilder();
        boolean filled = false;
        for (String line : template.lines().toList()) {
            if (line.trim().equals(PLACEHOLDER) && !filled) {
                String indent = line.substring(0, line.indexOf(PLACEHOLDER));
                block.forEach(b -> out.append(b.isEmpty() ? "" : indent + b).append('\n'));
                filled = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!filled) {
            throw new IllegalArgumentException(where + ": its template has no line " + PLACEHOLDER);
        }
        return out.toString();
    }

    /**
     * Writes every project file of {@code README.md} and {@code <module>/README.md} under {@code root}.
     *
     * @return the files written, relative to {@code output}
     */
    public static List<String> write(Path root, Path output, Path templates) throws IOException {
        List<Path> readmes = new ArrayList<>();
        readmes.add(root.resolve("README.md"));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(readmes::add);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (Path readme : readmes) {
            for (Map.Entry<String, String> f : files(Files.readString(readme), t -> read(templates.resolve(t))).entrySet()) {
                if (all.put(f.getKey(), f.getValue()) != null) {
                    throw new IllegalArgumentException(readme + ": " + f.getKey() + " is given by two snippets");
                }
            }
        }
        for (Map.Entry<String, String> f : all.entrySet()) {
            Path file = output.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return List.copyOf(all.keySet());
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ReadmeProjects <repository root> <output directory> <templates directory>");
        }
        try {
            List<String> written = write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
            System.out.println("README projects: " + written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
