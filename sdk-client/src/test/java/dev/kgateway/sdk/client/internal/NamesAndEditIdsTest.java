package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits of names and namespaces, how a refused one is printed, and the edit ids an edit leaves on a Backend. */
class NamesAndEditIdsTest {

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
    void editIdsAreTwelveHexDigitsAndDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = EditIds.next();
            assertThat(id).matches("[0-9a-f]{12}");
            ids.add(id);
        }
        assertThat(ids).hasSizeGreaterThan(190);
    }

    @Test
    void markingPutsTheNewIdFirstAndKeepsOtherAnnotations() {
        Backend backend = Backend.builder().metadata(m -> m.name("openai").putAnnotations("note", "kept")).build();

        Backend marked = EditIds.mark(EditIds.mark(backend, "aaa"), "bbb");

        assertThat(marked.getMetadata().getAnnotations()).containsEntry(EditIds.ANNOTATION, "bbb,aaa").containsEntry("note", "kept");
        assertThat(EditIds.carries(marked, "aaa")).isTrue();
        assertThat(EditIds.carries(marked, "bbb")).isTrue();
        assertThat(EditIds.carries(marked, "ccc")).isFalse();
    }

    @Test
    void markingKeepsTheLatestEightIdsOnce() {
        Backend backend = Backend.builder().metadata(m -> m.name("openai")).build();
        for (int i = 1; i <= 10; i++) {
            backend = EditIds.mark(backend, "id" + i);
        }
        backend = EditIds.mark(backend, "id9");

        assertThat(backend.getMetadata().getAnnotations().get(EditIds.ANNOTATION)).isEqualTo("id9,id10,id8,id7,id6,id5,id4,id3");
        assertThat(EditIds.carries(backend, "id2")).isFalse();
    }

    @Test
    void aBackendWithoutIdsCarriesNone() {
        Backend blank = Backend.builder().metadata(m -> m.name("openai").putAnnotations(EditIds.ANNOTATION, " ")).build();

        assertThat(EditIds.carries(Backend.builder().build(), "abc")).isFalse();
        assertThat(EditIds.carries(Backend.builder().metadata(m -> m.name("openai")).build(), "abc")).isFalse();
        assertThat(EditIds.carries(blank, " ")).isFalse();
        assertThat(EditIds.mark(blank, "abc").getMetadata().getAnnotations()).containsEntry(EditIds.ANNOTATION, "abc");
    }
}
