package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order members are written in, so that a read-modify-write of a GitOps file shows only the
 * real change in a diff: the members the schema declares first, in the schema's order, then the
 * members it does not know, in the order they were read.
 */
class MemberOrderTest {

    /** Unknown members out of alphabetical order, interleaved with known ones, at four levels; known ones out of schema order. */
    private static final String INTERLEAVED = """
            zeta: 1
            kind: Backend
            customField: {b: 1, a: 2}
            apiVersion: gateway.kgateway.dev/v1alpha1
            foo: 3
            metadata:
              x-team: search
              name: web
              bar: 4
              labels:
                tier: gold
                app: web
              alpha: 5
            spec:
              static:
                hosts:
                - port: 80
                  zz: 1
                  host: web.internal
                  mm: 2
                  aa: 3
                  x-weight: 4
              type: Static
              qq: 1
              bb: 2
              retries: 3
            """;

    private static final String WRITTEN = """
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: Backend
            metadata:
              name: web
              labels:
                tier: gold
                app: web
              x-team: search
              bar: 4
              alpha: 5
            spec:
              type: Static
              static:
                hosts:
                - host: web.internal
                  port: 80
                  zz: 1
                  mm: 2
                  aa: 3
                  x-weight: 4
              qq: 1
              bb: 2
              retries: 3
            zeta: 1
            customField:
              b: 1
              a: 2
            foo: 3
            """;

    @Test
    void unknownMembersAreWrittenAfterKnownOnesInTheOrderTheyWereRead() {
        Backend read = BackendJson.fromYaml(INTERLEAVED);

        assertThat(BackendJson.toYaml(read)).isEqualTo(WRITTEN);
    }

    @Test
    void jsonKeepsTheSameOrder() {
        Backend read = BackendJson.fromJson(BackendJson.toJson(BackendJson.fromYaml(INTERLEAVED)));

        assertThat(BackendJson.toYaml(read)).isEqualTo(WRITTEN);
        assertThat(new ArrayList<>(read.getAdditionalProperties().keySet())).containsExactly("zeta", "customField", "foo");
    }

    @Test
    void unknownMembersKeepTheirOrderThroughBuildersAndWithers() {
        Backend read = BackendJson.fromYaml(INTERLEAVED);

        Backend relabelled = read.toBuilder().metadata(read.getMetadata().toBuilder().putLabels("tier", "silver").build()).build();

        assertThat(new ArrayList<>(relabelled.getMetadata().getAdditionalProperties().keySet())).containsExactly("x-team", "bar", "alpha");
        assertThat(BackendJson.toYaml(relabelled)).isEqualTo(WRITTEN.replace("tier: gold", "tier: silver"));
    }

    @Test
    void aReadModifyWriteOfAWrittenFileChangesOnlyTheChangedLine() {
        Backend read = BackendJson.fromYaml(WRITTEN);
        Backend changed = read.withMetadata(read.getMetadata().toBuilder().putLabels("app", "api").build());

        List<String> before = WRITTEN.lines().toList();
        List<String> after = BackendJson.toYaml(changed).lines().toList();

        assertThat(after).hasSameSizeAs(before);
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                differing.add(i);
            }
        }
        assertThat(differing).containsExactly(before.indexOf("    app: web"));
        assertThat(after.get(differing.get(0))).isEqualTo("    app: api");
    }

    @Test
    void manyUnknownMembersKeepTheirOrder() {
        // a hash map of 40 names iterates in an order unrelated to insertion
        StringBuilder yaml = new StringBuilder("metadata:\n  name: web\n");
        List<String> names = new ArrayList<>();
        for (int i = 40; i > 0; i--) {
            String name = "member" + (i * 7919 % 97);
            if (!names.contains(name)) {
                names.add(name);
                yaml.append(name).append(": ").append(i).append('\n');
            }
        }

        Backend read = BackendJson.readAllFromString(yaml.toString()).get(0);

        assertThat(new ArrayList<>(read.getAdditionalProperties().keySet())).containsExactlyElementsOf(names);
    }
}
