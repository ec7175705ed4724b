package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kgateway.sdk.model.BackendJson;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** What pruning walks and what it leaves alone, on small inline CRDs. */
class PruningTest {

    private static CrdValidator crd(String specSchema, boolean statusSubresource) {
        return CrdValidator.fromYaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.dev}
                spec:
                  versions:
                  - name: v1
                """ + (statusSubresource ? "    subresources: {status: {}}\n" : "") + """
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          status: {type: object, properties: {phase: {type: string}}}
                          spec:
                """ + specSchema.indent(12), "v1");
    }

    private static List<String> violations(CrdValidator v, String yaml) {
        // every object has a name: the server requires one before it looks at the schema
        JsonNode doc = BackendJson.yamlMapper().readTree(yaml.startsWith("metadata:") ? yaml : "metadata: {name: x}\n" + yaml);
        return v.validate(doc).stream().map(x -> x.path() + ": " + x.message()).toList();
    }

    @Test
    void aValueOfTheWrongJsonTypeIsReportedAndItsMembersPrunedByItsKind() {
        // as apiextensions' pruning: an object loses every member its schema does not declare, whatever the schema's type;
        // the items of a schema without items have no schema, so their members go too
        CrdValidator v = crd("{type: object, properties: {name: {type: string}, tags: {type: string}}}", false);
        assertThat(violations(v, "spec: {name: {x: 1}}")).containsExactly("spec.name.x: unknown field \"spec.name.x\"",
                "spec.name: Invalid value: \"object\": spec.name in body must be of type string: \"object\"");
        assertThat(violations(v, "spec: {tags: [{x: 1}]}")).containsExactly("spec.tags[0].x: unknown field \"spec.tags[0].x\"",
                "spec.tags: Invalid value: \"array\": spec.tags in body must be of type string: \"array\"");
    }

    @Test
    void anEmbeddedResourceKeepsItsApiVersionKindAndMetadata() {
        CrdValidator v = crd("""
                type: object
                properties:
                  template:
                    type: object
                    x-kubernetes-embedded-resource: true
                    properties: {spec: {type: object}}
                """, false);
        assertThat(violations(v, "spec: {template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}, extra: 1}}"))
                .containsExactly("spec.template.extra: unknown field \"spec.template.extra\"");
    }

    @Test
    void statusIsPrunedAsItIsDecodedAlsoWhenItIsASubresource() {
        // the server prunes (and warns about) the whole object it decodes; a write of the resource then drops status
        String doc = "spec: {}\nstatus: {phase: x, extra: 1}";
        assertThat(violations(crd("{type: object}", true), doc)).containsExactly("status.extra: unknown field \"status.extra\"");
        assertThat(violations(crd("{type: object}", false), doc)).containsExactly("status.extra: unknown field \"status.extra\"");
    }

    @Test
    void maxLengthAloneIsChecked() {
        CrdValidator v = crd("{type: object, properties: {name: {type: string, maxLength: 2}}}", false);
        assertThat(violations(v, "spec: {name: ab}")).isEmpty();
        assertThat(violations(v, "spec: {name: abc}")).containsExactly("spec.name: Too long: may not be more than 2 bytes");
    }

    @Test
    void listMapKeysCorrelateItemsByEveryKey() {
        CrdValidator v = crd("""
                type: object
                properties:
                  ports:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name, protocol]
                    items: {type: object, properties: {name: {type: string}, protocol: {type: string}}}
                """, false);
        assertThat(violations(v, "spec: {ports: [{name: a, protocol: TCP}, {name: a, protocol: UDP}]}")).isEmpty();
        assertThat(violations(v, "spec: {ports: [{name: a, protocol: TCP}, {name: a, protocol: TCP}]}")).containsExactly(
                "spec.ports[1]: Duplicate value: {\"name\":\"a\",\"protocol\":\"TCP\"}");
    }

    @Test
    void aBracketedFieldPathStepMayEndThePath() {
        CrdValidator v = crd("""
                type: object
                properties:
                  labels: {type: object, additionalProperties: {type: string}}
                x-kubernetes-validations:
                - rule: "!has(self.labels) || !('a' in self.labels) || self.labels['a'] != 'x'"
                  message: not x
                  fieldPath: ".labels['a']"
                """, false);
        assertThat(violations(v, "spec: {labels: {a: x}}")).containsExactly("spec.labels[a]: Invalid value: not x");
    }
}
