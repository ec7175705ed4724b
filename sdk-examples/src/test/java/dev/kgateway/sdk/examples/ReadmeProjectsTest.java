package dev.kgateway.sdk.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The READMEs' project snippets become files exactly as written; a broken marker fails the build. */
class ReadmeProjectsTest {

    @Test
    void aMarkedSnippetBecomesThatFileOfThatProjectVerbatim() {
        String md = """
                Text.
                <!-- readme-project demo: src/main/java/A.java -->
                ```java
                class A {
                    int x;
                }
                ```
                ```java
                not marked
                ```
                """;

        assertThat(ReadmeProjects.files(md, t -> null)).containsExactly(Map.entry("demo/src/main/java/A.java", "class A {\n    int x;\n}\n"));
    }

    @Test
    void aBodySnippetReplacesThePlaceholderOfItsTemplateIndentedLikeIt() {
        String md = "<!-- readme-project demo: A.java body -->\n```java\nrun();\n\nstop();\n```\n";
        String template = "class A {\n    void main() {\n        // README\n    }\n}\n";

        assertThat(ReadmeProjects.files(md, t -> t.equals("demo/A.java.template") ? template : null))
                .containsExactly(Map.entry("demo/A.java", "class A {\n    void main() {\n        run();\n\n        stop();\n    }\n}\n"));
        assertThatThrownBy(() -> ReadmeProjects.files(md, t -> null)).hasMessageContaining("a body snippet needs its template");
        assertThatThrownBy(() -> ReadmeProjects.files(md, t -> "class A {}\n")).hasMessageContaining("its template has no line // README");
    }

    @Test
    void aMarkerWithoutACodeBlockOrWithAnUnclosedOneFails() {
        assertThatThrownBy(() -> ReadmeProjects.files("<!-- readme-project demo: pom.xml -->\ntext\n", t -> null))
                .hasMessageContaining("line 1 (demo: pom.xml): a readme-project marker must be followed by a fenced code block");
        assertThatThrownBy(() -> ReadmeProjects.files("<!-- readme-project demo: pom.xml -->\n```xml\n<project/>\n", t -> null))
                .hasMessageContaining("the code block is not closed");
        assertThatThrownBy(() -> ReadmeProjects.files("<!-- readme-project demo: ../pom.xml -->\n```xml\n```\n", t -> null))
                .hasMessageContaining("the path must stay inside its project");
    }

    @Test
    void theReadmesSpellOutTheConsumerProjectPomAndItsTest(@TempDir Path out) throws IOException {
        assertThat(ReadmeProjects.write(Path.of(".."), out, Path.of("src", "readme-checks")))
                .contains("consumer/pom.xml", "consumer/src/test/java/com/example/BackendSyncTest.java",
                        "consumer/src/main/java/com/example/ReadmeExample.java");
        assertThat(Files.readString(out.resolve("consumer/src/main/java/com/example/ReadmeExample.java")))
                .contains("        try (KgatewayClient kgw = KgatewayClient.create()) {").doesNotContain(ReadmeProjects.PLACEHOLDER);

        String pom = Files.readString(out.resolve("consumer/pom.xml"));
        assertThat(pom).contains("<artifactId>kgateway-sdk-bom</artifactId>", "<scope>import</scope>",
                "<maven.compiler.release>17</maven.compiler.release>", "<artifactId>maven-surefire-plugin</artifactId>",
                "<artifactId>junit-jupiter</artifactId>");
        assertThat(Files.readString(out.resolve("consumer/src/test/java/com/example/BackendSyncTest.java")))
                .startsWith("package com.example;").contains("@KgatewayTest");
    }
}
