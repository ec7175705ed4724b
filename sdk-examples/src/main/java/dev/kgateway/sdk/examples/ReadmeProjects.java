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
 * {@code java dev.kgateway.sdk.examples.ReadmeProjects <repository root> <output directory>} reads
 * {@code README.md} and every module's {@code README.md}.
 */
public final class ReadmeProjects {

    /** The marker line before a snippet that is a file of a project. */
    static final Pattern MARKER = Pattern.compile("<!-- readme-project ([a-z0-9][a-z0-9-]*): ([A-Za-z0-9_./-]+) -->");

    private ReadmeProjects() {
    }

    /**
     * @param markdown a README's text
     * @return project-relative file ({@code consumer/pom.xml}) to the snippet's text, in order
     * @throws IllegalArgumentException when a marker is not followed by a fenced block, the block is
     *                                  not closed, a path leaves its project, or a file is given twice
     */
    public static Map<String, String> files(String markdown) {
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
            if (out.put(file, String.join("\n", block) + "\n") != null) {
                throw new IllegalArgumentException(where + ": " + file + " is given twice");
            }
            i = j;
        }
        return out;
    }

    /**
     * Writes every project file of {@code README.md} and {@code <module>/README.md} under {@code root}.
     *
     * @return the files written, relative to {@code output}
     */
    public static List<String> write(Path root, Path output) throws IOException {
        List<Path> readmes = new ArrayList<>();
        readmes.add(root.resolve("README.md"));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(d -> d.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(readmes::add);
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (Path readme : readmes) {
            for (Map.Entry<String, String> f : files(Files.readString(readme)).entrySet()) {
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

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReadmeProjects <repository root> <output directory>");
        }
        try {
            List<String> written = write(Path.of(args[0]), Path.of(args[1]));
            System.out.println("README projects: " + written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
