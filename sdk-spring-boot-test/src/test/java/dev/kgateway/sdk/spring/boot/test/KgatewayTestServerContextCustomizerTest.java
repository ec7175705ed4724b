package dev.kgateway.sdk.spring.boot.test;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customizer is part of Spring's context cache key: test classes that ask for the same CRDs and
 * namespaces share one context (and one test server); any difference gets its own.
 */
class KgatewayTestServerContextCustomizerTest {

    private static KgatewayTestServerContextCustomizer customizer(List<String> crds, List<String> namespaces) {
        return new KgatewayTestServerContextCustomizer(crds, namespaces);
    }

    @Test
    void theSameCrdsAndNamespacesShareAContext() {
        var a = customizer(List.of("crds/extra.yaml"), List.of("shop"));
        var b = customizer(List.of("crds/extra.yaml"), List.of("shop"));

        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void otherNamespacesGetTheirOwnContext() {
        assertThat(customizer(List.of(), List.of("shop"))).isNotEqualTo(customizer(List.of(), List.of("billing")));
    }

    @Test
    void otherCrdsGetTheirOwnContext() {
        assertThat(customizer(List.of("crds/a.yaml"), List.of("shop"))).isNotEqualTo(customizer(List.of("crds/b.yaml"), List.of("shop")));
    }

    @Test
    void crdsAndNamespacesAreNotInterchangeable() {
        var crdsFirst = customizer(List.of("x"), List.of());
        var namespacesFirst = customizer(List.of(), List.of("x"));

        assertThat(crdsFirst).isNotEqualTo(namespacesFirst);
        assertThat(crdsFirst.hashCode()).isNotEqualTo(namespacesFirst.hashCode());
    }

    @Test
    void somethingElseIsNeverEqual() {
        assertThat(customizer(List.of(), List.of())).isNotEqualTo("customizer");
    }
}
