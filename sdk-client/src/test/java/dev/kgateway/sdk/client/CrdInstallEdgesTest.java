package dev.kgateway.sdk.client;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.client.internal.RetryDelays;
import dev.kgateway.sdk.model.Backend;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Installing the CRD when the API server does not simply establish it: names refused, the CRD
 * deleted while waiting, a wait that times out (how often it polled, what it says), no wait at all,
 * and conflicts while creating or replacing it. The polls' pauses are recorded, not slept.
 */
class CrdInstallEdgesTest {

    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String CRD_PATH = CRDS + "/" + Backend.CRD_NAME;

    private ScriptedApiServer api;
    private KubernetesClient client;
    private KgatewayClient kgw;
    private CustomResourceDefinition installed;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer(false);
        client = api.fabric8();
        kgw = KgatewayClient.from(client);
        kgw.installCrd(false);
        installed = client.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).get();
        client.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).delete();
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    /** @return the CRD as a GET shows it, with these conditions */
    private String withConditions(CustomResourceDefinitionCondition... conditions) {
        CustomResourceDefinition copy = client.getKubernetesSerialization().clone(installed);
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setConditions(List.of(conditions));
        copy.setStatus(status);
        return client.getKubernetesSerialization().asJson(copy);
    }

    private static CustomResourceDefinitionCondition condition(String type, String status, String reason, String message) {
        return new CustomResourceDefinitionConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .build();
    }

    private int posts() {
        return api.requests(Req.call("POST", CRDS)).size();
    }

    /** Reads of the CRD after this test's create. */
    private Predicate<Req> readAfterCreate() {
        return r -> r.method().equals("GET") && r.path().equals(CRD_PATH) && posts() >= 2;
    }

    private int reads() {
        return api.requests(Req.call("GET", CRD_PATH)).size();
    }

    @Test
    void namesTheApiServerRefusesFailTheInstallWithItsReason() {
        api.answer(readAfterCreate(), 1, r -> ScriptedApiServer.json(200, withConditions(
                condition("NamesAccepted", "False", "MultipleNameConflict", "plural \"backends\" is already in use"))));

        assertThatThrownBy(() -> kgw.installCrd(false)).isInstanceOf(KgatewayException.class)
                .hasMessage("the API server refused the names of the CustomResourceDefinition backends.gateway.kgateway.dev:"
                        + " MultipleNameConflict: plural \"backends\" is already in use");
    }

    @Test
    void acceptedNamesThatAreNotYetEstablishedAreWaitedFor() {
        api.answer(readAfterCreate(), 2, r -> ScriptedApiServer.json(200, withConditions(
                condition("NamesAccepted", "True", "NoConflicts", "no conflicts"),
                condition("Established", "False", "Installing", "the initial names have not been accepted"))));

        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            assertThat(kgw.installCrd(false)).isTrue();

            assertThat(delays.chosen()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100));
        }
    }

    @Test
    void aCrdDeletedWhileWaitingFailsTheInstall() {
        api.answer(readAfterCreate(), 1, r -> ScriptedApiServer.status(404, "NotFound", "not found"));

        assertThatThrownBy(() -> kgw.installCrd(false)).isInstanceOf(KgatewayException.class)
                .hasMessage("the CustomResourceDefinition backends.gateway.kgateway.dev was deleted while waiting for it to be Established");
    }

    @Test
    void aWaitThatTimesOutPollsEvery100MsAndNamesTheConditionsSeen() {
        api.answer(readAfterCreate(), Integer.MAX_VALUE, r -> ScriptedApiServer.json(200, withConditions(
                condition("NamesAccepted", "True", "NoConflicts", "ok"), condition("Established", "False", null, "waiting"))));
        int readsBefore = reads();

        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            assertThatThrownBy(() -> kgw.installCrd(CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(KgatewayException.class)
                    .hasMessageStartingWith("the CustomResourceDefinition backends.gateway.kgateway.dev is not Established after PT0.3S"
                            + " (conditions: NamesAccepted=True (NoConflicts), Established=False); the API server does not serve Backends yet.");

            assertThat(delays.chosen()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
        }
        // one read before the create, then one per poll: at 0, 100, 200 and 300 ms
        assertThat(reads() - readsBefore).isEqualTo(5);
    }

    @Test
    void aWaitShorterThanAPollStillLooksOnce() {
        api.answer(readAfterCreate(), Integer.MAX_VALUE, r -> ScriptedApiServer.json(200, withConditions()));
        int readsBefore = reads();

        try (RetryDelays delays = RetryDelays.recordOnThisThread()) {
            assertThatThrownBy(() -> kgw.installCrd(CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ofMillis(10))))
                    .hasMessageContaining("(conditions: none)");

            assertThat(delays.chosen()).containsExactly(Duration.ofMillis(100));
        }
        assertThat(reads() - readsBefore).isEqualTo(3);
    }

    @Test
    void aCrdWithoutStatusHasNoConditions() {
        CustomResourceDefinition bare = client.getKubernetesSerialization().clone(installed);
        bare.setStatus(null);
        api.answer(readAfterCreate(), Integer.MAX_VALUE, r -> ScriptedApiServer.json(200, client.getKubernetesSerialization().asJson(bare)));

        try (RetryDelays ignored = RetryDelays.recordOnThisThread()) {
            assertThatThrownBy(() -> kgw.installCrd(CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ofMillis(100))))
                    .hasMessageContaining("(conditions: none)");
        }
    }

    @Test
    void aZeroTimeoutReturnsWithoutWaiting() {
        api.answer(readAfterCreate(), Integer.MAX_VALUE, r -> ScriptedApiServer.json(200, withConditions()));
        int readsBefore = reads();

        assertThat(kgw.installCrd(CrdInstallOptions.defaults().withEstablishedTimeout(Duration.ZERO))).isTrue();

        assertThat(reads() - readsBefore).as("only the read before the create").isEqualTo(1);
    }

    @Test
    void aCreateThatLosesTheRaceReturnsFalse() {
        try (KgatewayClient other = KgatewayClient.from(api.fabric8())) {
            other.installCrd(false);
        }
        // this installer's read misses the CRD the other one just created
        api.answer(Req.call("GET", CRD_PATH), 1, r -> ScriptedApiServer.status(404, "NotFound", "not found"));

        assertThat(kgw.installCrd(false)).isFalse();

        assertThat(api.requests(Req.call("POST", CRDS))).as("setUp, the other installer, the lost create").hasSize(3);
        assertThat(api.requests(Req.call("PUT", CRD_PATH))).isEmpty();
    }

    @Test
    void anOverwriteThatLosesTheCreateRaceReplacesWhatTheOtherInstallerCreated() {
        try (KgatewayClient other = KgatewayClient.from(api.fabric8())) {
            other.installCrd(false);
        }
        api.answer(Req.call("GET", CRD_PATH), 1, r -> ScriptedApiServer.status(404, "NotFound", "not found"));

        assertThat(kgw.installCrd(true)).isTrue();

        assertThat(api.requests(Req.call("POST", CRDS))).as("setUp, the other installer, the lost create").hasSize(3);
        assertThat(api.requests(Req.call("PUT", CRD_PATH))).hasSize(1);
    }

    @Test
    void aReplaceSendsTheResourceVersionItRead() {
        kgw.installCrd(false);
        String stored = client.apiextensions().v1().customResourceDefinitions().withName(Backend.CRD_NAME).get()
                .getMetadata().getResourceVersion();

        assertThat(kgw.installCrd(true)).isTrue();

        List<Req> puts = api.requests(Req.call("PUT", CRD_PATH));
        assertThat(puts).hasSize(1);
        assertThat(client.getKubernetesSerialization().unmarshal(puts.get(0).body(), CustomResourceDefinition.class)
                .getMetadata().getResourceVersion()).as("kube-apiserver refuses a CRD update without it").isEqualTo(stored);
    }

    @Test
    void aReplaceThatConflictsIsTriedAgain() {
        kgw.installCrd(false);
        api.answer(Req.call("PUT", CRD_PATH), 1, r -> ScriptedApiServer.status(409, "Conflict", "the object has been modified"));

        assertThat(kgw.installCrd(true)).isTrue();

        assertThat(api.requests(Req.call("PUT", CRD_PATH))).hasSize(2);
    }

    @Test
    void aReplaceThatKeepsConflictingGivesUpAfterFiveAttempts() {
        kgw.installCrd(false);
        api.answer(Req.call("PUT", CRD_PATH), 100, r -> ScriptedApiServer.status(409, "Conflict", "the object has been modified"));

        assertThatThrownBy(() -> kgw.installCrd(true)).isInstanceOfSatisfying(KgatewayApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));

        assertThat(api.requests(Req.call("PUT", CRD_PATH))).hasSize(5);
    }

    @Test
    void aCreateThatKeepsConflictingGivesUpAfterFiveAttempts() {
        api.answer(Req.call("GET", CRD_PATH), 100, r -> ScriptedApiServer.status(404, "NotFound", "not found"));
        api.answer(Req.call("POST", CRDS), 100, r -> ScriptedApiServer.status(409, "AlreadyExists", "already exists"));

        assertThatThrownBy(() -> kgw.installCrd(true)).isInstanceOfSatisfying(KgatewayApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(409));

        assertThat(api.requests(Req.call("POST", CRDS))).hasSize(1 + 5);
    }

    @Test
    void aForeignCrdWithoutLabelsIsNotReplaced() {
        CustomResourceDefinition foreign = client.getKubernetesSerialization().clone(installed);
        foreign.getMetadata().setLabels(Collections.emptyMap());
        foreign.getMetadata().setResourceVersion(null);
        foreign.setStatus(null);
        client.apiextensions().v1().customResourceDefinitions().resource(foreign).create();

        assertThatThrownBy(() -> kgw.installCrd(true)).hasMessageContaining("not installed by the kgateway Java SDK");
    }
}
