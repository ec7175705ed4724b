package dev.kgateway.sdk.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The option types as values: equality over every member, their text, and the edges of what they accept. */
class OptionValuesTest {

    @Test
    void deleteOptionsAreEqualOnlyWhenEveryMemberIs() {
        DeleteOptions full = DeleteOptions.builder().preconditionUid("u-1").preconditionResourceVersion("7")
                .propagationPolicy(DeleteOptions.PropagationPolicy.ORPHAN).gracePeriod(Duration.ofSeconds(5)).build();

        assertThat(full.toBuilder().build()).isEqualTo(full).hasSameHashCodeAs(full);
        assertThat(full).isNotEqualTo(full.toBuilder().preconditionUid("u-2").build());
        assertThat(full).isNotEqualTo(full.toBuilder().preconditionResourceVersion("8").build());
        assertThat(full).isNotEqualTo(full.toBuilder().propagationPolicy(DeleteOptions.PropagationPolicy.BACKGROUND).build());
        assertThat(full).isNotEqualTo(full.toBuilder().gracePeriod(Duration.ZERO).build());
        assertThat(full).isNotEqualTo("u-1");
    }

    @Test
    void deleteOptionsDefaultToTheServersChoices() {
        DeleteOptions defaults = DeleteOptions.defaults();

        assertThat(defaults.preconditionUid()).isEmpty();
        assertThat(defaults.preconditionResourceVersion()).isEmpty();
        assertThat(defaults.propagationPolicy()).isEmpty();
        assertThat(defaults.gracePeriod()).isEmpty();
        assertThat(defaults).isEqualTo(DeleteOptions.builder().build());
    }

    @Test
    void deleteOptionsShowEveryMember() {
        DeleteOptions options = DeleteOptions.builder().preconditionUid("u-1").preconditionResourceVersion("7")
                .propagationPolicy(DeleteOptions.PropagationPolicy.FOREGROUND).gracePeriod(Duration.ofSeconds(5)).build();

        assertThat(options).hasToString("DeleteOptions{uid=u-1, resourceVersion=7, propagationPolicy=FOREGROUND, gracePeriod=PT5S}");
    }

    @Test
    void propagationPoliciesHaveTheWireValuesOfTheApi() {
        assertThat(DeleteOptions.PropagationPolicy.ORPHAN.wireValue()).isEqualTo("Orphan");
        assertThat(DeleteOptions.PropagationPolicy.BACKGROUND.wireValue()).isEqualTo("Background");
        assertThat(DeleteOptions.PropagationPolicy.FOREGROUND.wireValue()).isEqualTo("Foreground");
    }

    @Test
    void aGracePeriodOfWholeSecondsOrZeroIsAccepted() {
        assertThat(DeleteOptions.builder().gracePeriod(Duration.ZERO).build().gracePeriod()).contains(Duration.ZERO);
        assertThat(DeleteOptions.builder().gracePeriod(Duration.ofSeconds(30)).build().gracePeriod()).contains(Duration.ofSeconds(30));
        assertThat(DeleteOptions.builder().gracePeriod(Duration.ofSeconds(30)).gracePeriod(null).build().gracePeriod()).isEmpty();
        assertThatThrownBy(() -> DeleteOptions.builder().gracePeriod(Duration.ofNanos(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gracePeriod must be whole seconds, 0 or more (was PT0.000000001S)");
    }

    @Test
    void blankPreconditionsAreRefusedAndNullMeansNone() {
        assertThatThrownBy(() -> DeleteOptions.builder().preconditionUid(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uid precondition must not be blank");
        assertThatThrownBy(() -> DeleteOptions.builder().preconditionResourceVersion("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resourceVersion precondition must not be blank");
        assertThat(DeleteOptions.builder().preconditionUid(null).build().preconditionUid()).isEmpty();
    }

    @Test
    void ifUnchangedNeedsBothUidAndResourceVersion() {
        dev.kgateway.sdk.model.Backend uidOnly = dev.kgateway.sdk.model.Backend.builder().metadata(m -> m.name("a").uid("u")).build();
        dev.kgateway.sdk.model.Backend versionOnly = dev.kgateway.sdk.model.Backend.builder()
                .metadata(m -> m.name("a").resourceVersion("1")).build();

        assertThatThrownBy(() -> DeleteOptions.ifUnchanged(uidOnly)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeleteOptions.ifUnchanged(versionOnly)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeleteOptions.ifUnchanged(dev.kgateway.sdk.model.Backend.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listOptionsShowTheirSelectorAndPageSize() {
        assertThat(ListOptions.builder().label("team", "search").pageSize(20).build())
                .hasToString("ListOptions{labelSelector=team=search, pageSize=20}");
    }

    @Test
    void listOptionsAreEqualOnlyWithTheSameRequirements() {
        assertThat(ListOptions.withLabel("team", "search")).isEqualTo(ListOptions.withLabelSelector("team=search"))
                .isNotEqualTo(ListOptions.withLabel("team", "ads")).isNotEqualTo("team=search");
    }

    @Test
    void aBlankSelectorSelectsEverything() {
        assertThat(ListOptions.withLabelSelector("  ")).isEqualTo(ListOptions.all());
    }

    @Test
    void aPageSizeOfOneIsTheSmallest() {
        assertThat(ListOptions.builder().pageSize(1).build().pageSize()).isEqualTo(1);
        assertThatThrownBy(() -> ListOptions.builder().pageSize(0)).hasMessage("pageSize must be at least 1, was 0");
    }

    @Test
    void labelValuesMayBeEmptyButKeysMayNot() {
        assertThat(ListOptions.withLabel("team", "").labelSelector()).isEqualTo("team=");
        assertThatThrownBy(() -> ListOptions.builder().labelMissing("a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOptions.builder().labelNotIn("zone", "a", "b!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryPoliciesAcceptTheirEdges() {
        RetryPolicy minimal = new RetryPolicy(1, 1, Duration.ZERO, Duration.ZERO);
        RetryPolicy flat = new RetryPolicy(2, 2, Duration.ofMillis(10), Duration.ofMillis(10));

        assertThat(minimal.backoff(1)).isZero();
        assertThat(flat.backoff(5)).isEqualTo(Duration.ofMillis(10));
        assertThatThrownBy(() -> new RetryPolicy(1, 0, Duration.ZERO, Duration.ZERO)).hasMessage("attempts must be at least 1");
        assertThatThrownBy(() -> new RetryPolicy(1, 1, Duration.ofMillis(-1), Duration.ZERO))
                .hasMessage("need 0 <= initialBackoff <= maxBackoff");
    }

    @Test
    void retryBackoffDoesNotOverflowForLateRetries() {
        RetryPolicy policy = new RetryPolicy(5, 5, Duration.ofMillis(1), Duration.ofDays(365));

        assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(1));
        assertThat(policy.backoff(21)).isEqualTo(Duration.ofMillis(1L << 20));
        assertThat(policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(1L << 20));
    }

    @Test
    void crdInstallOptionsAreValues() {
        CrdInstallOptions options = CrdInstallOptions.overwrite().withEstablishedTimeout(Duration.ofSeconds(5));

        assertThat(options).isEqualTo(CrdInstallOptions.overwrite().withEstablishedTimeout(Duration.ofSeconds(5)))
                .hasSameHashCodeAs(CrdInstallOptions.overwrite().withEstablishedTimeout(Duration.ofSeconds(5)))
                .isNotEqualTo(CrdInstallOptions.overwrite())
                .isNotEqualTo(CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ofSeconds(5)))
                .isNotEqualTo(CrdInstallOptions.forceReplaceForeign().withEstablishedTimeout(Duration.ofSeconds(5)))
                .isNotEqualTo("overwrite");
        assertThat(options).hasToString("CrdInstallOptions{overwrite=true, replaceForeign=false, establishedTimeout=PT5S}");
        assertThat(CrdInstallOptions.forceReplaceForeign().withEstablishedTimeout(Duration.ZERO).replaceForeign()).isTrue();
        assertThatThrownBy(() -> CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFieldManagerOf128CharactersIsTheLongest() {
        assertThat(ApplyOptions.fieldManager("x".repeat(128)).fieldManager()).hasSize(128);
        assertThat(ApplyOptions.fieldManager("op").force()).isFalse();
    }
}
