package dev.kgateway.sdk.embeddedapiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.embeddedapiserver.internal.FieldManager.Conflict;
import dev.kgateway.sdk.embeddedapiserver.internal.FieldManager.ConflictException;
import dev.kgateway.sdk.embeddedapiserver.internal.FieldManager.Entry;
import dev.kgateway.sdk.embeddedapiserver.internal.FieldPaths.Part;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test server's field management, called directly: what kube-apiserver's structured-merge-diff
 * records in {@code managedFields}, the conflicts it reports, and what apply and update do to the
 * object. The same behaviour over HTTP is in {@code ServerSideApplyTest}.
 */
class FieldManagerTest {

    private static final String V1 = "gateway.kgateway.dev/v1alpha1";
    private static final String NOW = "2026-11-29T00:00:00Z";
    private static final ResourceType BACKENDS = new ResourceType("gateway.kgateway.dev", Set.of("v1alpha1"), "backends", "Backend",
            true, true, Map.of("spec.static.hosts", List.of("host", "port")), null);

    private static ObjectNode json(String json) {
        return (ObjectNode) Json.read(json.replace('\'', '"'));
    }

    private static ObjectNode apply(ObjectNode live, String applied, String manager, boolean force, Part part) {
        return FieldManager.apply(live, json(applied), BACKENDS, manager, force, V1, NOW, part);
    }

    /** An update (not an apply) by {@code manager}: {@code live} with the merge patch {@code patch}, its fields recorded. */
    private static ObjectNode update(ObjectNode live, String patch, String manager, Part part) {
        ObjectNode updated = (ObjectNode) MergePatch.apply(live, json(patch));
        FieldManager.recordUpdate(live, updated, BACKENDS, manager, V1, NOW, part);
        return updated;
    }

    private static Map<String, Set<List<String>>> owners(JsonNode object) {
        Map<String, Set<List<String>>> out = new LinkedHashMap<>();
        for (Entry e : FieldManager.read(object)) {
            out.put(e.manager() + "/" + e.operation() + (e.subresource() == null ? "" : "/" + e.subresource()), e.fields());
        }
        return out;
    }

    @Test
    void aConflictWithOneManagerIsPrintedOnOneLine() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static'}}", "a", false, Part.MAIN);

        assertThatThrownBy(() -> apply(live, "{'spec':{'type':'AWS'}}", "b", false, Part.MAIN))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"a\": .spec.type")
                .satisfies(e -> assertThat(((ConflictException) e).conflicts())
                        .containsExactly(new Conflict("\"a\"", List.of("f:spec", "f:type"))));
    }

    @Test
    void conflictsWithSeveralManagersAreGroupedByManagerInNameOrder() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static','b':1}}", "zeta", false, Part.MAIN);
        ObjectNode updated = update(live, "{'spec':{'a':1}}", "alpha", Part.MAIN);

        assertThatThrownBy(() -> apply(updated, "{'spec':{'type':'AWS','a':2,'b':2}}", "c", false, Part.MAIN))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Apply failed with 3 conflicts: conflicts with \"alpha\" using " + V1 + ":\n- .spec.a\n"
                        + "conflicts with \"zeta\":\n- .spec.b\n- .spec.type");
    }

    @Test
    void aStatusManagerIsNamedWithItsSubresource() {
        ObjectNode live = apply(null, "{'status':{'phase':'Ready'}}", "controller", false, Part.STATUS);
        ObjectNode updated = update(live, "{'status':{'reason':'ok'}}", "operator", Part.STATUS);

        assertThatThrownBy(() -> apply(updated, "{'status':{'phase':'Failed'}}", "other", false, Part.STATUS))
                .hasMessage("Apply failed with 1 conflict: conflict with \"controller\" with subresource \"status\": .status.phase");
        assertThatThrownBy(() -> apply(updated, "{'status':{'reason':'no'}}", "other", false, Part.STATUS))
                .hasMessage("Apply failed with 1 conflict: conflict with \"operator\" with subresource \"status\" using " + V1
                        + ": .status.reason");
    }

    @Test
    void aConflictNamesTheListItemByItsKeys() {
        ObjectNode live = apply(null, "{'spec':{'static':{'hosts':[{'host':'a','port':80,'weight':1}]}}}", "a", false, Part.MAIN);

        assertThatThrownBy(() -> apply(live, "{'spec':{'static':{'hosts':[{'host':'a','port':80,'weight':2}]}}}", "b", false, Part.MAIN))
                .hasMessage("Apply failed with 1 conflict: conflict with \"a\": .spec.static.hosts[host=\"a\",port=80].weight");
    }

    @Test
    void forceMovesTheConflictingFieldsToTheApplierAndLeavesTheOthersWithTheirOwner() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static','b':1}}", "a", false, Part.MAIN);

        ObjectNode forced = apply(live, "{'spec':{'type':'AWS'}}", "b", true, Part.MAIN);

        assertThat(forced.path("spec").path("type").asString()).isEqualTo("AWS");
        assertThat(owners(forced)).containsExactly(
                Map.entry("a/Apply", Set.of(List.of("f:spec", "f:b"))),
                Map.entry("b/Apply", Set.of(List.of("f:spec", "f:type"))));
    }

    @Test
    void applyingTheSameValueAsAnotherManagerSharesTheField() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static'}}", "a", false, Part.MAIN);

        ObjectNode shared = apply(live, "{'spec':{'type':'Static'}}", "b", false, Part.MAIN);

        assertThat(owners(shared)).containsOnlyKeys("a/Apply", "b/Apply")
                .allSatisfy((manager, fields) -> assertThat(fields).containsExactly(List.of("f:spec", "f:type")));
    }

    @Test
    void anApplyOfTheMainResourceSetsKindAndApiVersionKeepsTheNameAndIgnoresStatus() {
        ObjectNode live = json("{'metadata':{'name':'web','namespace':'shop'},'status':{'phase':'Ready'}}");

        ObjectNode out = apply(live, "{'apiVersion':'" + V1 + "','kind':'Backend','metadata':{'name':'other','namespace':'x',"
                + "'finalizers':['f'],'uid':'u'},'spec':{'type':'Static'},'status':{'phase':'Failed'}}", "a", false, Part.MAIN);

        assertThat(out.path("apiVersion").asString()).isEqualTo(V1);
        assertThat(out.path("kind").asString()).isEqualTo("Backend");
        assertThat(out.path("metadata").path("name").asString()).isEqualTo("web");
        assertThat(out.path("metadata").path("namespace").asString()).isEqualTo("shop");
        assertThat(out.path("metadata").path("finalizers")).isEqualTo(Json.read("[\"f\"]"));
        assertThat(out.path("metadata").has("uid")).isFalse();
        assertThat(out.path("status").path("phase").asString()).isEqualTo("Ready");
        assertThat(live.has("spec")).as("live is not changed").isFalse();
    }

    @Test
    void anApplyOfANewObjectTakesItsNameAndLabelsMergeWithTheLiveOnes() {
        ObjectNode created = apply(null, "{'metadata':{'name':'web','labels':{'a':'1'}}}", "x", false, Part.MAIN);
        ObjectNode merged = apply(created, "{'metadata':{'labels':{'b':'2'}}}", "y", false, Part.MAIN);

        assertThat(created.path("metadata").path("name").asString()).isEqualTo("web");
        assertThat(merged.path("metadata").path("labels")).isEqualTo(Json.read("{\"a\":\"1\",\"b\":\"2\"}"));
    }

    @Test
    void aStatusApplyChangesOnlyStatusAndIsRecordedForTheSubresource() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static'}}", "a", false, Part.MAIN);

        ObjectNode out = apply(live, "{'apiVersion':'v9','spec':{'type':'AWS'},'status':{'phase':'Ready'}}", "ctl", false, Part.STATUS);

        assertThat(out.path("spec").path("type").asString()).isEqualTo("Static");
        assertThat(out.has("apiVersion")).isFalse();
        assertThat(out.path("status").path("phase").asString()).isEqualTo("Ready");
        assertThat(owners(out)).containsEntry("ctl/Apply/status", Set.of(List.of("f:status", "f:phase")));
    }

    @Test
    void mapListItemsMergeByKeyAndNewItemsAreAppended() {
        ObjectNode live = apply(null, "{'spec':{'static':{'hosts':[{'host':'a','port':80,'weight':1}]}}}", "x", false, Part.MAIN);

        ObjectNode out = apply(live, "{'spec':{'static':{'hosts':[{'host':'a','port':80,'zone':'z'},{'host':'b','port':80}]}}}",
                "y", false, Part.MAIN);

        assertThat(out.path("spec").path("static").path("hosts")).isEqualTo(Json.read(
                "[{\"host\":\"a\",\"port\":80,\"weight\":1,\"zone\":\"z\"},{\"host\":\"b\",\"port\":80}]"));
        assertThat(owners(out).get("y/Apply")).contains(List.of("f:spec", "f:static", "f:hosts", "k:{\"host\":\"b\",\"port\":80}", "."));
    }

    @Test
    void aFieldTheManagerStopsApplyingIsRemovedWithTheObjectsItLeavesEmpty() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static','static':{'hosts':[{'host':'a','port':80}]}}}", "x", false, Part.MAIN);

        ObjectNode out = apply(live, "{'spec':{'type':'Static'}}", "x", false, Part.MAIN);

        assertThat(out.path("spec")).isEqualTo(Json.read("{\"type\":\"Static\"}"));
        assertThat(owners(out)).containsExactly(Map.entry("x/Apply", Set.of(List.of("f:spec", "f:type"))));
    }

    @Test
    void anObjectLeftEmptyGoesWhenOnlyItsSiblingsAreOwnedByOthers() {
        ObjectNode live = apply(null, "{'spec':{'static':{'hosts':[{'host':'a','port':80}]}}}", "x", false, Part.MAIN);
        ObjectNode updated = update(live, "{'spec':{'type':'Static'}}", "y", Part.MAIN);
        ObjectNode owned = apply(updated, "{'spec':{'type':'Static'}}", "z", false, Part.MAIN);

        ObjectNode out = apply(owned, "{'spec':{}}", "x", false, Part.MAIN);

        assertThat(out.path("spec")).isEqualTo(Json.read("{\"type\":\"Static\"}"));
    }

    @Test
    void anUpdateOwnsWhatItChangedAndRemovedFieldsAreOwnedByNobody() {
        ObjectNode live = apply(null, "{'spec':{'type':'Static','a':1,'b':1}}", "x", false, Part.MAIN);
        ObjectNode updated = json("{'spec':{'type':'Static','a':2},'status':{'phase':'Ready'}}");

        FieldManager.recordUpdate(live, updated, BACKENDS, "kubectl", V1, NOW, Part.MAIN);

        assertThat(owners(updated)).containsExactly(
                Map.entry("x/Apply", Set.of(List.of("f:spec", "f:type"))),
                Map.entry("kubectl/Update", Set.of(List.of("f:spec", "f:a"))));
        Entry kubectl = FieldManager.read(updated).get(1);
        assertThat(kubectl.apiVersion()).isEqualTo(V1);
        assertThat(kubectl.time()).isEqualTo(NOW);
    }

    @Test
    void anUpdateOfTheMainResourceKeepsTheStatusOwners() {
        ObjectNode live = apply(null, "{'status':{'phase':'Ready'}}", "ctl", false, Part.STATUS);
        ObjectNode updated = live.deepCopy();
        updated.remove("status");
        updated.set("spec", json("{'type':'AWS'}"));

        FieldManager.recordUpdate(live, updated, BACKENDS, "kubectl", V1, NOW, Part.MAIN);

        assertThat(owners(updated)).containsExactly(
                Map.entry("ctl/Apply/status", Set.of(List.of("f:status", "f:phase"))),
                Map.entry("kubectl/Update", Set.of(List.of("f:spec", "f:type"))));
    }

    @Test
    void aSecondUpdateBySameManagerAddsToItsEntryAndAnUpdateThatChangesNothingRecordsNoEntry() {
        ObjectNode first = json("{'spec':{'a':1}}");
        FieldManager.recordUpdate(null, first, BACKENDS, "kubectl", V1, NOW, Part.MAIN);
        ObjectNode second = update(first, "{'spec':{'b':1}}", "kubectl", Part.MAIN);
        ObjectNode empty = json("{'metadata':{'name':'x'}}");
        FieldManager.recordUpdate(null, empty, BACKENDS, "kubectl", V1, NOW, Part.MAIN);

        assertThat(owners(second)).containsExactly(
                Map.entry("kubectl/Update", Set.of(List.of("f:spec", "f:a"), List.of("f:spec", "f:b"))));
        assertThat(empty.path("metadata").has("managedFields")).isFalse();
    }

    @Test
    void managedFieldsAreWrittenAsKubeWritesThemAndReadBack() {
        ObjectNode out = apply(null, "{'metadata':{'labels':{'a':'1'}},'spec':{'static':{'hosts':[{'host':'a','port':80}]}}}",
                "x", false, Part.MAIN);

        assertThat(out.path("metadata").path("managedFields")).isEqualTo(Json.read("[{\"manager\":\"x\",\"operation\":\"Apply\","
                + "\"apiVersion\":\"" + V1 + "\",\"time\":\"" + NOW + "\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{"
                + "\"f:metadata\":{\"f:labels\":{\"f:a\":{}}},"
                + "\"f:spec\":{\"f:static\":{\"f:hosts\":{\"k:{\\\"host\\\":\\\"a\\\",\\\"port\\\":80}\":{\".\":{},\"f:host\":{},\"f:port\":{}}}}}}}]"));
    }

    @Test
    void anEntryWithoutOperationOrSubresourceReadsAsAnUpdateOfTheMainResource() {
        List<Entry> read = FieldManager.read(json("{'metadata':{'managedFields':[{'manager':'m','subresource':null,"
                + "'fieldsV1':{'f:spec':{'f:a':{}}}}]}}"));

        assertThat(read).containsExactly(new Entry("m", "Update", "", "", null, Set.of(List.of("f:spec", "f:a"))));
        assertThat(FieldManager.read(null)).isEmpty();
    }

    @Test
    void fieldPathsOfAnObjectSkipKindApiVersionAndUntrackedMetadata() {
        JsonNode object = json("{'apiVersion':'v','kind':'k','metadata':{'name':'n','uid':'u','annotations':{'a':'1'}},"
                + "'spec':{'empty':{},'list':[1,2],'hosts':[]},'status':{'phase':'x'}}");

        assertThat(FieldPaths.of(object, BACKENDS, Part.MAIN)).containsExactlyInAnyOrder(
                List.of("f:metadata", "f:annotations", "f:a"), List.of("f:spec", "f:empty"), List.of("f:spec", "f:list"),
                List.of("f:spec", "f:hosts"));
        assertThat(FieldPaths.of(object, BACKENDS, Part.STATUS)).containsExactly(List.of("f:status", "f:phase"));
        assertThat(FieldPaths.of(Json.read("[]"), BACKENDS, Part.MAIN)).isEmpty();
    }

    @Test
    void valueAtFollowsMembersAndKeyedItemsAndIsNullForAnythingElse() {
        JsonNode object = json("{'spec':{'static':{'hosts':[{'host':'a','port':80},{'host':'b','port':81}]}}}");
        List<String> b = List.of("f:spec", "f:static", "f:hosts", "k:{\"host\":\"b\",\"port\":81}");

        assertThat(FieldPaths.valueAt(object, FieldPaths.append(b, "f:port")).asInt()).isEqualTo(81);
        assertThat(FieldPaths.valueAt(object, FieldPaths.append(b, "."))).isEqualTo(Json.read("{\"host\":\"b\",\"port\":81}"));
        assertThat(FieldPaths.valueAt(object, List.of("f:spec", "f:missing", "f:x"))).isNull();
        assertThat(FieldPaths.valueAt(object, List.of("f:spec", "k:{\"host\":\"a\"}"))).isNull();
        assertThat(FieldPaths.valueAt(object, List.of("f:spec", "f:static", "f:hosts", "f:host"))).isNull();
        assertThat(FieldPaths.valueAt(object, List.of("v:spec"))).isNull();
    }

    @Test
    void removeDropsAKeyedItemOrAMemberAndReportsWhetherItDid() {
        ObjectNode object = json("{'spec':{'static':{'hosts':[{'host':'a','port':80},{'host':'b','port':81}]},'type':'Static'}}");

        assertThat(FieldPaths.remove(object, List.of("f:spec", "f:static", "f:hosts", "k:{\"host\":\"a\",\"port\":80}", "."), p -> false))
                .isTrue();
        assertThat(FieldPaths.remove(object, List.of("f:spec", "f:missing"), p -> false)).isFalse();
        assertThat(FieldPaths.remove(object, List.of("."), p -> false)).isFalse();

        assertThat(object).isEqualTo(Json.read("{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"b\",\"port\":81}]},\"type\":\"Static\"}}"));
    }

    @Test
    void fieldsV1PutsTheItemItselfFirstThenMembersInNameOrder() {
        Set<List<String>> paths = new LinkedHashSet<>(List.of(
                List.of("f:b", "k:{\"k\":1}", "f:z"), List.of("f:b", "k:{\"k\":1}", "."), List.of("f:a")));

        ObjectNode tree = FieldPaths.toFieldsV1(paths);

        assertThat(Json.write(tree)).isEqualTo("{\"f:a\":{},\"f:b\":{\"k:{\\\"k\\\":1}\":{\".\":{},\"f:z\":{}}}}");
        assertThat(FieldPaths.fromFieldsV1(tree)).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(FieldPaths.fromFieldsV1(Json.object())).isEmpty();
    }

    @Test
    void pathsPrintAsKubePrintsThemAndPrefixesAreCompared() {
        assertThat(FieldPaths.print(List.of("f:spec", "f:static", "f:hosts", "k:{\"host\":\"a\",\"port\":80}", "f:port", ".")))
                .isEqualTo(".spec.static.hosts[host=\"a\",port=80].port");
        assertThat(FieldPaths.startsWith(List.of("f:a", "f:b"), List.of("f:a"))).isTrue();
        assertThat(FieldPaths.startsWith(List.of("f:a", "f:b"), List.of("f:a", "f:b"))).isTrue();
        assertThat(FieldPaths.startsWith(List.of("f:a"), List.of("f:a", "f:b"))).isFalse();
        assertThat(FieldPaths.startsWith(List.of("f:a", "f:b"), List.of("f:b"))).isFalse();
    }
}
