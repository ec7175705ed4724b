package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.ConditionStatus;
import dev.kgateway.sdk.model.InvalidBackendException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.kgateway.sdk.client.ScriptedApiServer.json;
import static dev.kgateway.sdk.client.TestBackends.listJson;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the CRUD mock does not implement, checked on the recorded requests: server-side apply
 * (PATCH with {@code application/apply-patch+yaml}) and paged lists ({@code limit} and
 * {@code continue}). Each test works in a namespace of its own on a shared server.
 */
class ApplyAndPagingTest extends SharedApiServerTest {

    private String ns;
    private String path;

    @Override
    KgatewayClient newClient() {
        return api.sdk(b -> b.applyOptions(ApplyOptions.fieldManager("team-a")));
    }

    @Override
    String namespacePrefix() {
        return "paging";
    }

    @BeforeEach
    void rememberNamespace() {
        ns = backends.namespace();
        path = backendsPath();
    }

    private Req onlyRequest(Predicate<Req> filter) {
        List<Req> matching = api.requests(filter);
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String body) {
        // the body is YAML or JSON; fabric8's serialization reads both
        return api.fabric8().getKubernetesSerialization().unmarshal(body, Map.class);
    }

    @Test
    void applySendsAnApplyPatchAsTheGivenFieldManagerWithForce() {
        Backend answer = stored(TestBackends.openAiBackend("openai"), ns, "42");
        api.answer(Req.call("PATCH", path + "/openai"), 1, 200, TestBackends.json(answer));

        Backend applied = backends.apply(TestBackends.openAiBackend("openai"), ApplyOptions.fieldManager("my-operator").withForce(true));

        assertThat(applied).isEqualTo(answer);
        Req patch = onlyRequest(Req.call("PATCH", path + "/openai"));
        assertThat(patch.header("Content-Type")).startsWith("application/apply-patch+yaml");
        assertThat(patch.query()).containsEntry("fieldManager", "my-operator").containsEntry("force", "true");
    }

    @Test
    void applyConflictWithAnotherFieldManagerSaysHowToResolveIt() {
        api.answer(Req.call("PATCH", path + "/openai"), 1, 409,
                TestBackends.statusJson(409, "Conflict", "Apply failed with 1 conflict: conflict with \"other-operator\": .spec.type"));

        assertThatThrownBy(() -> backends.apply(TestBackends.openAiBackend("openai")))
                .isInstanceOfSatisfying(BackendConflictException.class, e -> assertThat(e.getName()).isEqualTo("openai"))
                .hasMessageContaining("another field manager owns")
                .hasMessageContaining("withForce(true)")
                .hasMessageNotContaining("stale resourceVersion");
    }

    @Test
    void applyWithoutOptionsUsesTheClientsFieldManagerAndDoesNotForce() {
        api.answer(Req.call("PATCH", path + "/gemini"), 1, 200, TestBackends.json(stored(TestBackends.geminiBackend("gemini"), ns, "7")));

        backends.apply(TestBackends.geminiBackend("gemini"));

        Req patch = onlyRequest(Req.call("PATCH", path + "/gemini"));
        assertThat(patch.query()).containsEntry("fieldManager", "team-a").doesNotContainEntry("force", "true");
    }

    @Test
    void applySendsTheDesiredStateWithoutServerOwnedMetadataOrStatus() {
        Backend read = stored(TestBackends.azureBackend("azure"), ns, "17")
                .withStatus(TestBackends.acceptedStatus(ConditionStatus.TRUE));
        read = read.withMetadata(read.getMetadata().toBuilder()
                .putLabels("team", "search")
                .addManagedFields(dev.kgateway.sdk.model.ManagedFieldsEntry.builder().manager("kubectl").operation("Apply")
                        .fieldsV1(dev.kgateway.sdk.model.RawJson.of("{\"f:spec\":{}}")).build())
                .putAdditionalProperties("selfLink", JsonNodeFactory.instance.stringNode("/apis/x"))
                .build());
        api.answer(Req.call("PATCH", path + "/azure"), 1, 200, TestBackends.json(stored(TestBackends.azureBackend("azure"), ns, "18")));

        backends.apply(read);

        Map<String, Object> body = parse(onlyRequest(Req.call("PATCH", path + "/azure")).body());
        assertThat(body).containsEntry("apiVersion", Backend.API_VERSION).containsEntry("kind", Backend.KIND)
                .containsKey("spec").doesNotContainKey("status");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
        assertThat(metadata).containsEntry("name", "azure").containsEntry("namespace", ns)
                .containsEntry("labels", Map.of("team", "search"))
                .doesNotContainKeys("resourceVersion", "managedFields", "selfLink", "uid", "creationTimestamp", "generation");
    }

    @Test
    void applyValidatesBeforeSending() {
        assertThatThrownBy(() -> backends.apply(TestBackends.invalidStaticBackend("broken"), ApplyOptions.fieldManager("x")))
                .isInstanceOf(InvalidBackendException.class);

        assertThat(api.requests(r -> r.path().startsWith(path))).isEmpty();
    }

    @Test
    void listAsksForPagesOfFiveHundredByDefault() {
        api.answer(Req.list(path), 1, 200, listJson("5", null, stored(TestBackends.staticBackend("a"), ns, "5")));

        assertThat(backends.list()).hasSize(1);

        assertThat(onlyRequest(Req.list(path)).query()).containsEntry("limit", "500").doesNotContainKey("continue");
    }

    @Test
    void pagedListFollowsContinueTokensAndReturnsEveryItemInOrder() {
        Backend a = stored(TestBackends.staticBackend("a"), ns, "11");
        Backend b = stored(TestBackends.awsBackend("b"), ns, "12");
        Backend c = stored(TestBackends.openAiBackend("c"), ns, "13");
        Backend d = stored(TestBackends.azureBackend("d"), ns, "14");
        Backend e = stored(TestBackends.mistralBackend("e"), ns, "15");
        api.answer(Req.list(path).and(r -> !r.query().containsKey("continue")), 1, 200, listJson("20", "token-1", a, b));
        api.answer(Req.list(path).and(r -> "token-1".equals(r.query().get("continue"))), 1, 200, listJson("20", "token-2", c, d));
        api.answer(Req.list(path).and(r -> "token-2".equals(r.query().get("continue"))), 1, 200, listJson("20", "", e));

        List<Backend> listed = backends.list(ListOptions.builder().pageSize(2).build());

        assertThat(listed).containsExactly(a, b, c, d, e);
        List<Req> pages = api.requests(Req.list(path));
        assertThat(pages).extracting(r -> r.query().get("limit")).containsExactly("2", "2", "2");
        assertThat(pages).extracting(r -> r.query().get("continue")).containsExactly(null, "token-1", "token-2");
    }

    @Test
    void pagedListWithSelectorSendsTheSelectorOnEveryPage() {
        Backend a = stored(TestBackends.staticBackend("a"), ns, "11");
        Backend b = stored(TestBackends.staticBackend("b"), ns, "12");
        api.answer(Req.list(path).and(r -> !r.query().containsKey("continue")), 1, 200, listJson("20", "next", a));
        api.answer(Req.list(path).and(r -> "next".equals(r.query().get("continue"))), 1, 200, listJson("20", null, b));

        List<Backend> listed = backends.list(ListOptions.builder().label("tier", "gold").pageSize(1).build());

        assertThat(listed).containsExactly(a, b);
        assertThat(api.requests(Req.list(path))).extracting(r -> r.query().get("labelSelector")).containsExactly("tier=gold", "tier=gold");
    }

    @Test
    void expiredContinueTokenRestartsTheListFromTheFirstPage() {
        Backend a = stored(TestBackends.staticBackend("a"), ns, "11");
        Backend staleB = stored(TestBackends.awsBackend("b"), ns, "12");
        Backend newB = stored(TestBackends.withLabel(TestBackends.awsBackend("b"), "tier", "gold"), ns, "30");
        Backend c = stored(TestBackends.geminiBackend("c"), ns, "13");
        Predicate<Req> firstPage = Req.list(path).and(r -> !r.query().containsKey("continue"));
        api.answer(firstPage, 1, 200, listJson("20", "old-token", a, staleB));
        api.answer(Req.list(path).and(r -> "old-token".equals(r.query().get("continue"))), 1,
                r -> ScriptedApiServer.status(410, "Expired", "The provided continue parameter is too old"));
        api.answer(firstPage, 1, 200, listJson("31", "new-token", a, newB));
        api.answer(Req.list(path).and(r -> "new-token".equals(r.query().get("continue"))), 1, 200, listJson("31", "", c));

        List<Backend> listed = backends.list(ListOptions.builder().pageSize(2).build());

        assertThat(listed).containsExactly(a, newB, c);
        assertThat(api.requests(Req.list(path))).extracting(r -> r.query().get("continue"))
                .containsExactly(null, "old-token", null, "new-token");
    }

    @Test
    void listGivesUpWith410WhenContinueTokensKeepExpiring() {
        Backend a = stored(TestBackends.staticBackend("a"), ns, "11");
        api.answer(Req.list(path).and(r -> !r.query().containsKey("continue")), 100, 200, listJson("20", "token", a));
        api.answer(Req.list(path).and(r -> "token".equals(r.query().get("continue"))), 100,
                r -> ScriptedApiServer.status(410, "Expired", "The provided continue parameter is too old"));

        assertThatThrownBy(() -> backends.list(ListOptions.builder().pageSize(1).build()))
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isEqualTo(410));
        assertThat(api.requests(Req.list(path).and(r -> !r.query().containsKey("continue"))))
                .as("the first list and three restarts").hasSize(4);
    }

    @Test
    void pagedListInAnyNamespaceFollowsContinueTokens() {
        String all = ScriptedApiServer.ALL_BACKENDS;
        Backend a = stored(TestBackends.staticBackend("a"), "one", "11");
        Backend b = stored(TestBackends.staticBackend("b"), "two", "12");
        api.answer(Req.list(all).and(r -> "1".equals(r.query().get("limit")) && !r.query().containsKey("continue")), 1, 200,
                listJson("20", "next", a));
        api.answer(Req.list(all).and(r -> "next".equals(r.query().get("continue"))), 1, r -> json(200, listJson("20", null, b)));

        assertThat(kgw.backends().inAnyNamespace().list(ListOptions.builder().pageSize(1).build())).containsExactly(a, b);
    }
}
