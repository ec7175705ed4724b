package dev.kgateway.sdk.client.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits of names and namespaces, and how a refused one is printed. */
class NamesTest {

    @Test
    void aNameMayHave253CharactersAndNoMore() {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(longest).hasSize(253);

        assertThat(Names.requireName(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Names.requireName(longest + "e")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNamespaceMayHave63CharactersAndNoMore() {
        assertThat(Names.requireNamespace("n".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> Names.requireNamespace("n".repeat(64))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 63");
    }

    @Test
    void aRefusedNameIsPrintedWithControlCharactersEscaped() {
        assertThatThrownBy(() -> Names.requireName("web\n\u0007"))
                .hasMessageStartingWith("invalid Backend name 'web\\u000a\\u0007': a name must be a DNS-1123 subdomain");
        assertThatThrownBy(() -> Names.requireNamespace("Bad\tNS"))
                .hasMessageStartingWith("invalid namespace 'Bad\\u0009NS': a namespace must be a DNS-1123 label");
    }

    @Test
    void aRefusedNameIsPrintedUpTo100Characters() {
        String exactly100 = "X".repeat(100);

        assertThatThrownBy(() -> Names.requireName(exactly100)).hasMessageStartingWith("invalid Backend name '" + exactly100 + "':");
        assertThatThrownBy(() -> Names.requireName("Y".repeat(300))).hasMessageStartingWith("invalid Backend name '" + "Y".repeat(100) + "...':");
    }

    @Test
    void aRefusedNameIsExplainedInTheWordsOfTheModelsRule() {
        String modelWords = dev.kgateway.sdk.model.Backend.builder().metadata(m -> m.name("Web_1")).build().validate().stream()
                .filter(v -> v.path().equals("metadata.name")).findFirst().orElseThrow().message();
        assertThatThrownBy(() -> Names.requireName("Web_1")).hasMessageContaining(modelWords);
    }
}
