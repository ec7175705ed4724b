package dev.kgateway.sdk.embeddedapiserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The test server's label and field selectors (kube-apiserver's grammar) and JSON merge patches (RFC 7386). */
class SelectorsAndPatchesTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");

    private static boolean labels(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    @Test
    void anEmptyLabelSelectorMatchesEverything() {
        assertThat(labels("", Map.of())).isTrue();
        assertThat(labels("  ", WEB)).isTrue();
        assertThat(labels(null, WEB)).isTrue();
    }

    @Test
    void equalityAndInequalityRequirements() {
        assertThat(labels("app=web", WEB)).isTrue();
        assertThat(labels("app==web", WEB)).isTrue();
        assertThat(labels("app = web", WEB)).isTrue();
        assertThat(labels("app=db", WEB)).isFalse();
        assertThat(labels("app!=db", WEB)).isTrue();
        assertThat(labels("app!=web", WEB)).isFalse();
        assertThat(labels("team!=x", WEB)).isTrue();
    }

    @Test
    void existenceRequirements() {
        assertThat(labels("app", WEB)).isTrue();
        assertThat(labels("team", WEB)).isFalse();
        assertThat(labels("!team", WEB)).isTrue();
        assertThat(labels("! app", WEB)).isFalse();
    }

    @Test
    void setRequirements() {
        assertThat(labels("app in (db, web)", WEB)).isTrue();
        assertThat(labels("app in(db,web)", WEB)).isTrue();
        assertThat(labels("app in (db)", WEB)).isFalse();
        assertThat(labels("app notin (db)", WEB)).isTrue();
        assertThat(labels("app notin(web,db)", WEB)).isFalse();
        assertThat(labels("team notin (x)", WEB)).isTrue();
        assertThat(labels("team in (x)", WEB)).isFalse();
    }

    @Test
    void everyCommaSeparatedRequirementMustHoldAndCommasInsideParenthesesDoNotSplit() {
        assertThat(labels("app in (web, db),tier=front", WEB)).isTrue();
        assertThat(labels("app=web,tier=back", WEB)).isFalse();
        assertThat(labels("app=web,!team", WEB)).isTrue();
    }

    @Test
    void aMalformedLabelSelectorIsRefusedQuotingIt() {
        for (String bad : new String[] {"app=web,", ",", "-app", "app in web", "app in (web", "=web", "!", "a b"}) {
            assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unable to parse requirement: invalid label selector: \"" + bad + "\"");
        }
    }

    @Test
    void aLabelKeyMayHaveAPrefixAndPunctuationInside() {
        assertThat(labels("app.kubernetes.io/name=web", Map.of("app.kubernetes.io/name", "web"))).isTrue();
        assertThat(labels("a_b-c", Map.of("a_b-c", ""))).isTrue();
    }

    private static boolean fields(String selector, String json) {
        return FieldSelector.parse(selector).matches(Json.read(json));
    }

    @Test
    void fieldSelectorsMatchNameAndNamespace() {
        String web = "{\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}";
        assertThat(fields("", web)).isTrue();
        assertThat(fields(null, web)).isTrue();
        assertThat(fields("metadata.name=web", web)).isTrue();
        assertThat(fields("metadata.name==web", web)).isTrue();
        assertThat(fields("metadata.name=db", web)).isFalse();
        assertThat(fields("metadata.name!=db", web)).isTrue();
        assertThat(fields("metadata.name!=web", web)).isFalse();
        assertThat(fields("metadata.name=web, metadata.namespace=shop", web)).isTrue();
        assertThat(fields("metadata.name=web,metadata.namespace=other", web)).isFalse();
    }

    @Test
    void aMissingFieldMatchesTheEmptyValue() {
        assertThat(fields("metadata.namespace=", "{\"metadata\":{\"name\":\"crd\"}}")).isTrue();
        assertThat(fields("metadata.namespace=", "{\"metadata\":{\"name\":\"crd\",\"namespace\":null}}")).isTrue();
        assertThat(fields("metadata.namespace!=", "{\"metadata\":{\"name\":\"crd\"}}")).isFalse();
    }

    @Test
    void anotherFieldOrAMalformedFieldSelectorIsRefused() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.type=AWS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field label not supported: spec.type");
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
        assertThatThrownBy(() -> FieldSelector.parse("=web")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid selector: '=web'; can't understand '=web'");
    }

    @Test
    void aMergePatchSetsReplacesAndRemovesMembersRecursively() {
        String target = "{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"e\":[1,2]}";
        String patch = "{\"a\":null,\"b\":{\"c\":null,\"x\":4},\"e\":[3],\"f\":{\"g\":null,\"h\":5}}";

        assertThat(MergePatch.apply(Json.read(target), Json.read(patch)))
                .isEqualTo(Json.read("{\"b\":{\"d\":3,\"x\":4},\"e\":[3],\"f\":{\"h\":5}}"));
    }

    @Test
    void aMergePatchLeavesItsTargetUnchangedAndANonObjectPatchReplacesTheWhole() {
        var target = Json.read("{\"a\":{\"b\":1}}");
        MergePatch.apply(target, Json.read("{\"a\":{\"b\":2}}"));

        assertThat(target).isEqualTo(Json.read("{\"a\":{\"b\":1}}"));
        assertThat(MergePatch.apply(target, Json.read("[1]"))).isEqualTo(Json.read("[1]"));
        assertThat(MergePatch.apply(Json.read("\"s\""), Json.read("{\"a\":1}"))).isEqualTo(Json.read("{\"a\":1}"));
    }
}
