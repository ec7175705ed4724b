package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value types that configure calls: ListOptions, ApplyOptions, RetryPolicy. No server needed. */
class OptionsTest {

    @Test
    void listOptionsJoinRequirementsInKubernetesSyntax() {
        ListOptions options = ListOptions.builder()
                .label("team", "search").labelNot("tier", "bronze").labelIn("zone", "a", "b").labelNotIn("env", "dev")
                .labelExists("owner").labelMissing("legacy").selector(" app=gw ")
                .build();

        assertThat(options.labelSelector())
                .isEqualTo("team=search,tier!=bronze,zone in (a,b),env notin (dev),owner,!legacy,app=gw");
    }

    @Test
    void listOptionsSelectEverythingByDefaultWithPagesOfFiveHundred() {
        assertThat(ListOptions.all().labelSelector()).isEmpty();
        assertThat(ListOptions.all().pageSize()).isEqualTo(ListOptions.DEFAULT_PAGE_SIZE).isEqualTo(500);
    }

    @Test
    void listOptionsRefuseKeysAndValuesThatWouldChangeTheSelector() {
        assertThatThrownBy(() -> ListOptions.withLabel("team,tier", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOptions.withLabel("team", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOptions.builder().labelIn("zone", "a)", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOptions.builder().labelExists("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setBasedRequirementsNeedAValue() {
        assertThatThrownBy(() -> ListOptions.builder().labelIn("zone")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pageSizeMustBePositive() {
        assertThatThrownBy(() -> ListOptions.builder().pageSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listOptionsAreValuesAndRoundTripThroughTheirBuilder() {
        ListOptions options = ListOptions.builder().label("team", "search").pageSize(10).build();

        assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(options).isNotEqualTo(options.toBuilder().pageSize(11).build());
    }

    @Test
    void applyOptionsNeedAFieldManagerOfOneTo128Characters() {
        assertThat(ApplyOptions.defaults()).isEqualTo(new ApplyOptions(ApplyOptions.DEFAULT_FIELD_MANAGER, false));
        assertThat(ApplyOptions.fieldManager("op").withForce(true).force()).isTrue();
        assertThatThrownBy(() -> ApplyOptions.fieldManager(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApplyOptions.fieldManager("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryBackoffDoublesFromTheInitialDelayUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(5, 5, Duration.ofMillis(100), Duration.ofMillis(500));

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1_000)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void retryPolicyRefusesImpossibleSettings() {
        assertThatThrownBy(() -> new RetryPolicy(0, 1, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, 1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
    }

    @Test
    void deleteOptionsIfUnchangedTakesUidAndResourceVersionFromTheBackendRead() {
        Backend seen = TestBackends.stored(TestBackends.staticBackend("seen"), "ns", "12");

        DeleteOptions options = DeleteOptions.ifUnchanged(seen);

        assertThat(options.preconditionUid()).contains(seen.getMetadata().getUid());
        assertThat(options.preconditionResourceVersion()).contains("12");
        assertThat(options.propagationPolicy()).isEmpty();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void deleteOptionsRefuseABackendNeverReadAndFractionalOrNegativeGracePeriods() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeleteOptions.ifUnchanged(TestBackends.staticBackend("new")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uid and resourceVersion");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeleteOptions.builder().gracePeriod(java.time.Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeleteOptions.builder().gracePeriod(java.time.Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crdInstallOptionsSayWhatTheyReplace() {
        assertThat(CrdInstallOptions.defaults().overwriteExisting()).isFalse();
        assertThat(CrdInstallOptions.overwrite().overwriteExisting()).isTrue();
        assertThat(CrdInstallOptions.overwrite().replaceForeign()).isFalse();
        assertThat(CrdInstallOptions.forceReplaceForeign().replaceForeign()).isTrue();
        assertThat(CrdInstallOptions.defaults().establishedTimeout()).isEqualTo(CrdInstallOptions.DEFAULT_ESTABLISHED_TIMEOUT);
        assertThat(CrdInstallOptions.defaults().withEstablishedTimeout(java.time.Duration.ZERO).establishedTimeout()).isZero();
    }
}
