package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kgateway.sdk.client.ScriptedApiServer.BACKENDS;
import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists with label selectors and across namespaces. The CRUD mock evaluates {@code =}, {@code !=},
 * exists and missing; it ignores {@code in} and {@code notin}, so for those the tests check the
 * selector the SDK sends and that the server's answer comes back as is. One server for the class.
 */
class ListTest {

    private static ScriptedApiServer api;

    private static Backend gold;
    private static Backend silver;
    private static Backend unlabelled;

    private KgatewayClient kgw;
    private NamespacedBackendClient backends;

    @BeforeAll
    static void createBackends() {
        api = new ScriptedApiServer();
        KgatewayClient kgw = KgatewayClient.from(api.fabric8());
        kgw.installCrd(false);
        NamespacedBackendClient ai = kgw.backends().inNamespace(NS);
        gold = ai.create(withLabel(withLabel(TestBackends.openAiBackend("gold"), "tier", "gold"), "owner", "search"));
        silver = ai.create(withLabel(TestBackends.geminiBackend("silver"), "tier", "silver"));
        unlabelled = ai.create(TestBackends.mistralBackend("unlabelled"));
        kgw.backends().inNamespace("web").create(withLabel(TestBackends.staticBackend("web-gold"), "tier", "gold"));
        kgw.backends().inNamespace("lambda").create(TestBackends.awsBackend("checkout"));
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @BeforeEach
    void setUp() {
        kgw = KgatewayClient.from(api.fabric8());
        backends = kgw.backends().inNamespace(NS);
    }

    @AfterEach
    void tearDown() {
        kgw.close();
    }

    private static List<String> names(List<Backend> list) {
        return list.stream().map(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName()).toList();
    }

    @Test
    void listWithoutOptionsReturnsTheWholeNamespace() {
        assertThat(backends.list()).containsExactlyInAnyOrder(gold, silver, unlabelled);
    }

    @Test
    void labelEqualitySelectsMatchingBackends() {
        assertThat(backends.list(ListOptions.withLabel("tier", "gold"))).containsExactly(gold);
    }

    @Test
    void labelInequalitySelectsBackendsWithAnotherValueOrNoLabel() {
        assertThat(backends.list(ListOptions.builder().labelNot("tier", "gold").build()))
                .containsExactlyInAnyOrder(silver, unlabelled);
    }

    @Test
    void labelExistsSelectsBackendsThatHaveTheLabel() {
        assertThat(backends.list(ListOptions.builder().labelExists("tier").build())).containsExactlyInAnyOrder(gold, silver);
    }

    @Test
    void labelMissingSelectsBackendsWithoutTheLabel() {
        assertThat(backends.list(ListOptions.builder().labelMissing("tier").build())).containsExactly(unlabelled);
    }

    @Test
    void requirementsAreAndedTogether() {
        ListOptions options = ListOptions.builder().labelExists("tier").labelNot("tier", "silver").label("owner", "search").build();

        assertThat(backends.list(options)).containsExactly(gold);
    }

    @Test
    void rawSelectorStringsWork() {
        assertThat(backends.list(ListOptions.withLabelSelector("tier=silver"))).containsExactly(silver);
    }

    @Test
    void listInAnyNamespaceReturnsTheBackendsOfEveryNamespace() {
        assertThat(names(kgw.backends().inAnyNamespace().list()))
                .containsExactlyInAnyOrder("ai/gold", "ai/silver", "ai/unlabelled", "web/web-gold", "lambda/checkout");
    }

    @Test
    void listInAnyNamespaceAppliesTheSelectorAcrossNamespaces() {
        assertThat(names(kgw.backends().inAnyNamespace().list(ListOptions.withLabel("tier", "gold"))))
                .containsExactlyInAnyOrder("ai/gold", "web/web-gold");
    }

    @Test
    void listOfAnEmptyNamespaceIsEmpty() {
        assertThat(kgw.backends().inNamespace("nothing-here").list()).isEmpty();
    }

    @Test
    void labelInSendsASetBasedSelectorAndReturnsTheServersAnswer() {
        try (ScriptedApiServer api = new ScriptedApiServer(); KgatewayClient scripted = api.sdk(b -> { })) {
            api.answer(Req.list(BACKENDS), 1, 200, TestBackends.listJson("7", null, gold, silver));

            List<Backend> listed = scripted.backends().inNamespace(NS)
                    .list(ListOptions.builder().labelIn("tier", "gold", "silver").build());

            assertThat(listed).containsExactly(gold, silver);
            assertThat(api.requests(Req.list(BACKENDS))).singleElement()
                    .satisfies(r -> assertThat(r.query()).containsEntry("labelSelector", "tier in (gold,silver)"));
        }
    }

    @Test
    void labelNotInSendsASetBasedSelectorAndReturnsTheServersAnswer() {
        try (ScriptedApiServer api = new ScriptedApiServer(); KgatewayClient scripted = api.sdk(b -> { })) {
            api.answer(Req.list(BACKENDS), 1, 200, TestBackends.listJson("7", null, unlabelled));

            List<Backend> listed = scripted.backends().inNamespace(NS)
                    .list(ListOptions.builder().labelNotIn("tier", "gold", "silver").labelExists("owner").build());

            assertThat(listed).containsExactly(unlabelled);
            assertThat(api.requests(Req.list(BACKENDS))).singleElement()
                    .satisfies(r -> assertThat(r.query()).containsAllEntriesOf(Map.of(
                            "labelSelector", "tier notin (gold,silver),owner")));
        }
    }
}
