package dev.kgateway.sdk.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first example is the code that ReadmeExample compiles (and the invoker test runs). */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "readme", "java", "dev", "kgateway", "sdk", "examples", "readme", "ReadmeExample.java");

    @Test
    void readmeExampleIsTheCompiledReadmeExampleSource() throws IOException {
        assertThat(readmeBlock()).isNotEmpty().isEqualTo(sourceBlock());
    }

    private static List<String> readmeBlock() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int marker = lines.indexOf("<!-- readme-example -->");
        assertThat(marker).as("README marker").isNotNegative();
        assertThat(lines.get(marker + 1)).isEqualTo("```java");
        List<String> block = new ArrayList<>();
        for (int i = marker + 2; !lines.get(i).equals("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    private static List<String> sourceBlock() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        int start = indexOfTrimmed(lines, "// README:start");
        int end = indexOfTrimmed(lines, "// README:end");
        String indent = lines.get(start).substring(0, lines.get(start).indexOf("//"));
        List<String> block = new ArrayList<>();
        for (String line : lines.subList(start + 1, end)) {
            block.add(line.startsWith(indent) ? line.substring(indent.length()) : line);
        }
        return block;
    }

    private static int indexOfTrimmed(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not found in " + SOURCE);
    }
}
