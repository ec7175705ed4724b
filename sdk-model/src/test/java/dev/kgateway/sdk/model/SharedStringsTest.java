package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SharedStrings}: repeated short values are one String; the cache stays bounded. */
class SharedStringsTest {

    private static final String LIST = "[" + item("a") + "," + item("b") + "]";

    private static String item(String name) {
        return "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"payments-prod\",\"labels\":{\"team\":\"payments\"}},"
                + "\"status\":{\"conditions\":[{\"type\":\"Accepted\",\"reason\":\"Accepted\",\"message\":\"" + "m".repeat(60) + "\"}]}}";
    }

    @Test
    void repeatedShortValuesAcrossBackendsAreTheSameInstance() {
        List<Backend> items = List.of(BackendJson.jsonMapper().readValue(LIST, Backend[].class));
        Backend a = items.get(0);
        Backend b = items.get(1);

        assertThat(b.getApiVersion()).isSameAs(a.getApiVersion());
        assertThat(b.getMetadata().getNamespace()).isSameAs(a.getMetadata().getNamespace());
        assertThat(b.getMetadata().getLabels().get("team")).isSameAs(a.getMetadata().getLabels().get("team"));
        assertThat(b.getStatus().getConditions().get(0).getReason()).isSameAs(a.getStatus().getConditions().get(0).getReason());
        assertThat(b.getMetadata().getName()).isEqualTo("b");
    }

    @Test
    void longValuesAreNotCached() {
        List<Backend> items = List.of(BackendJson.jsonMapper().readValue(LIST, Backend[].class));

        String first = items.get(0).getStatus().getConditions().get(0).getMessage();
        String second = items.get(1).getStatus().getConditions().get(0).getMessage();
        assertThat(second).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void equalTextGivesTheCachedInstanceAndOtherTextItsOwn() {
        char[] text = "xxteam-searchxx".toCharArray();
        String first = SharedStrings.of(text, 2, 11);

        assertThat(first).isEqualTo("team-search");
        assertThat(SharedStrings.of("team-search".toCharArray(), 0, 11)).isSameAs(first);
        assertThat(SharedStrings.of("team-searcx".toCharArray(), 0, 11)).isEqualTo("team-searcx");
        assertThat(SharedStrings.of("team-searc".toCharArray(), 0, 10)).isEqualTo("team-searc");
        assertThat(SharedStrings.of(new char[0], 0, 0)).isEmpty();
    }

    @Test
    void aCollidingValueReplacesTheSlotAndStillReadsCorrectly() {
        // "Aa" and "BB" have the same String hash, so the same slot
        String aa = SharedStrings.of("Aa".toCharArray(), 0, 2);
        String bb = SharedStrings.of("BB".toCharArray(), 0, 2);

        assertThat(aa).isEqualTo("Aa");
        assertThat(bb).isEqualTo("BB");
        assertThat(SharedStrings.of("BB".toCharArray(), 0, 2)).isSameAs(bb);
        assertThat(SharedStrings.of("Aa".toCharArray(), 0, 2)).isEqualTo("Aa").isNotSameAs(aa);
    }

    @Test
    void valuesUpToTheLimitAreSharedAndLongerOnesAreNot() {
        String limit = "{\"metadata\":{\"name\":\"x\",\"namespace\":\"" + "n".repeat(SharedStrings.MAX_LENGTH) + "\",\"uid\":\""
                + "u".repeat(SharedStrings.MAX_LENGTH + 1) + "\"}}";
        Backend one = BackendJson.fromJson(limit);
        Backend two = BackendJson.fromJson(limit);

        assertThat(two.getMetadata().getNamespace()).isSameAs(one.getMetadata().getNamespace());
        assertThat(two.getMetadata().getUid()).isEqualTo(one.getMetadata().getUid()).isNotSameAs(one.getMetadata().getUid());
    }
}
