package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code editMatchingX(match, edit)} and {@code removeMatchingFromX(match)}, generated on the builder
 * of every object that holds a list of objects: one element of a list changes in place, without
 * copying the list by hand.
 */
class ListElementEditTest {

    static Backend threeHosts() {
        return Backend.builder()
                .metadata(m -> m.name("web"))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st
                        .addHosts(h -> h.host("10.0.0.7").port(8080))
                        .addHosts(h -> h.host("10.0.0.8").port(8080))
                        .addHosts(h -> h.host("10.0.0.9").port(8080))))
                .build();
    }

    static List<String> hosts(Backend b) {
        return b.getSpec().getStaticBackend().getHosts().stream().map(h -> h.getHost() + ":" + h.getPort()).toList();
    }

    @Test
    void editMatchingChangesOnlyTheMatchingElementsInPlaceKeepingTheOrder() {
        Backend original = threeHosts();

        Backend moved = original.editSpec(s -> s.editStaticBackend(st -> st
                .editMatchingHosts(h -> "10.0.0.8".equals(h.getHost()), h -> h.port(9090))));

        assertThat(hosts(moved)).containsExactly("10.0.0.7:8080", "10.0.0.8:9090", "10.0.0.9:8080");
        assertThat(hosts(original)).containsExactly("10.0.0.7:8080", "10.0.0.8:8080", "10.0.0.9:8080");
        assertThat(moved.getMetadata()).isEqualTo(original.getMetadata());
    }

    @Test
    void editMatchingCallsTheEditorOncePerMatchWithABuilderHoldingThatElement() {
        List<String> seen = new ArrayList<>();

        Backend all = threeHosts().editSpec(s -> s.editStaticBackend(st -> st.editMatchingHosts(h -> h.getPort() == 8080,
                h -> seen.add(h.build().getHost()))));

        assertThat(seen).containsExactly("10.0.0.7", "10.0.0.8", "10.0.0.9");
        assertThat(all).isEqualTo(threeHosts());
    }

    @Test
    void editMatchingWithoutAMatchChangesNothing() {
        Backend same = threeHosts().editSpec(s -> s.editStaticBackend(st -> st.editMatchingHosts(h -> false, h -> h.port(1))));

        assertThat(same).isEqualTo(threeHosts());
    }

    @Test
    void removeMatchingRemovesExactlyTheMatchingElements() {
        Backend fewer = threeHosts().editSpec(s -> s.editStaticBackend(st -> st
                .removeMatchingFromHosts(h -> h.getHost().endsWith(".8") || h.getHost().endsWith(".9"))));

        assertThat(hosts(fewer)).containsExactly("10.0.0.7:8080");
    }

    @Test
    void everyListOfObjectsHasBothMethods() throws NoSuchMethodException {
        // a nested list of a shared definition, and a top-level one
        assertThat(AwsEc2.Builder.class.getMethod("editMatchingFilters", java.util.function.Predicate.class,
                java.util.function.Consumer.class)).isNotNull();
        assertThat(BackendSpec.Builder.class.getMethod("removeMatchingFromPriorityGroups", java.util.function.Predicate.class)).isNotNull();
        assertThat(BackendStatus.Builder.class.getMethod("editMatchingConditions", java.util.function.Predicate.class,
                java.util.function.Consumer.class)).isNotNull();
    }
}
