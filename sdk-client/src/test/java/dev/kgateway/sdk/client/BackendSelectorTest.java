package dev.kgateway.sdk.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selection on its own, and ListOptions holding one. */
class BackendSelectorTest {

    @Test
    void aSelectorJoinsItsRequirementsInKubernetesSyntax() {
        BackendSelector selector = BackendSelector.builder().label("team", "search").labelIn("tier", "gold", "silver").labelMissing("legacy").build();

        assertThat(selector.labelSelector()).isEqualTo("team=search,tier in (gold,silver),!legacy");
    }

    @Test
    void aSelectorWithoutRequirementsSelectsAll() {
        assertThat(BackendSelector.all().selectsAll()).isTrue();
        assertThat(BackendSelector.withLabelSelector("  ").selectsAll()).isTrue();
        assertThat(BackendSelector.withLabel("team", "search").selectsAll()).isFalse();
    }

    @Test
    void aLabelKeyWithASeparatorIsRefused() {
        assertThatThrownBy(() -> BackendSelector.withLabel("team,tier", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid label key 'team,tier'");
    }

    @Test
    void listOptionsReadWhatTheirSelectorSelects() {
        BackendSelector selector = BackendSelector.withLabel("team", "search");

        assertThat(ListOptions.of(selector).selector()).isEqualTo(selector);
        assertThat(ListOptions.of(selector).labelSelector()).isEqualTo("team=search");
    }

    @Test
    void theListOptionsLabelShorthandsBuildTheSameSelectorAsTheConsumerOverload() {
        ListOptions shorthand = ListOptions.builder().label("team", "search").labelExists("owner").pageSize(50).build();
        ListOptions configured = ListOptions.builder().selector(s -> s.label("team", "search").labelExists("owner")).pageSize(50).build();

        assertThat(shorthand).isEqualTo(configured);
        assertThat(shorthand.selector()).isEqualTo(BackendSelector.builder().label("team", "search").labelExists("owner").build());
    }

    @Test
    void toBuilderKeepsTheSelectorAndTheReadOptions() {
        ListOptions options = ListOptions.builder().label("team", "search").pageSize(7).stripManagedFields(true).build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(BackendSelector.withLabel("a", "b").toBuilder().label("c", "d").build().labelSelector()).isEqualTo("a=b,c=d");
    }
}
