package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Documents that cannot be read fail with a {@link BackendReadException} that says where, never
 * what: the offending content (here a fake API key) must not appear in the message.
 */
class ReadErrorsTest {

    private static final String SENTINEL = "sk-SENTINEL-123";

    private static final String VALID_YAML = """
            apiVersion: gateway.kgateway.dev/v1alpha1
            kind: Backend
            metadata:
              name: %s
            spec:
              type: Static
              static:
                hosts:
                - host: web
                  port: 80
            """;

    private static BackendReadException readJson(String json) {
        return catchThrowableOfType(BackendReadException.class, () -> BackendJson.fromJson(json));
    }

    private static BackendReadException readYaml(String yaml) {
        return catchThrowableOfType(BackendReadException.class, () -> BackendJson.readAllFromString(yaml));
    }

    @Test
    void malformedJsonIsAReadErrorWithoutTheContent() {
        BackendReadException e = readJson("{\"kind\":\"Backend\",\"metadata\":{\"name\": " + SENTINEL + "}}");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("not well-formed").contains("line 1").doesNotContain(SENTINEL);
    }

    @Test
    void aWrongJsonTypeSaysWhichTypeTheMemberExpects() {
        assertThat(readJson("{\"metadata\":{\"name\":7}}")).hasMessageEndingWith("wrong JSON type for this member: expected a JSON string");
        assertThat(readJson("{\"spec\":{\"static\":{\"hosts\":{}}}}")).hasMessageEndingWith("wrong JSON type for this member: expected a JSON array");
        assertThat(readJson("{\"spec\":\"x\"}")).hasMessageEndingWith("wrong JSON type for this member: expected a JSON object");
        assertThat(readJson("{\"spec\":{\"dynamicForwardProxy\":{\"enableTls\":\"yes\"}}}"))
                .hasMessageEndingWith("wrong JSON type for this member: expected a JSON boolean");
    }

    @Test
    void aReadErrorNamesTheLineAndColumnWhereTheReaderStopped() {
        BackendReadException malformed = readJson("{\"kind\":\"Backend\",\n \"metadata\":{\"name\": x}}");
        BackendReadException wrongType = readJson("{\"spec\":{\"type\":\"Static\",\n\"static\":{\"hosts\":[{\"host\":\"h\",\"port\":[80]}]}}}");
        BackendReadException duplicate = readJson("{\"kind\":\"Backend\",\n\"kind\":\"Backend\"}");

        assertThat(malformed).hasMessage("document is not well-formed JSON/YAML (line 2, column 22)");
        assertThat(wrongType).hasMessage("cannot read Backend at spec.static.hosts[0].port (line 2, column 39): wrong JSON type for this member: expected a JSON integer");
        assertThat(duplicate).hasMessage("duplicate member name in the document root (line 2, column 7): each name may appear once per object");
    }

    @Test
    void aDocumentOverTheLengthLimitSaysAfterHowManyCharacters() {
        String huge = "{\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + "x".repeat((int) BackendJson.MAX_DOCUMENT_LENGTH) + "\"}}";

        assertThat(readJson(huge).getMessage()).startsWith("document exceeds a size limit (after " + BackendJson.MAX_DOCUMENT_LENGTH
                + " bytes or characters) (input length ");
    }

    @Test
    void truncatedJsonIsAReadErrorWithoutTheContent() {
        BackendReadException e = readJson("{\"kind\":\"Backend\",\"metadata\":{\"name\":\"" + SENTINEL);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(SENTINEL);
    }

    @Test
    void malformedJsonFromBytesAndStreamsIsAReadErrorToo() {
        byte[] bytes = ("{\"spec\": [" + SENTINEL).getBytes(StandardCharsets.UTF_8);

        BackendReadException fromBytes = catchThrowableOfType(BackendReadException.class, () -> BackendJson.fromJson(bytes));
        BackendReadException fromStream = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromJson(new ByteArrayInputStream(bytes)));

        assertThat(fromBytes.getMessage()).doesNotContain(SENTINEL);
        assertThat(fromStream.getMessage()).doesNotContain(SENTINEL);
    }

    @Test
    void portAsStringIsAWrongTypeErrorNamingThePath() {
        String json = "{\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"kind\":\"Backend\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"type\":\"Static\",\"static\":{\"hosts\":[{\"host\":\"web\",\"port\":\"" + SENTINEL + "\"}]}}}";

        BackendReadException e = readJson(json);

        assertThat(e.getPath()).isEqualTo("spec.static.hosts[0].port");
        assertThat(e.getMessage()).contains("spec.static.hosts[0].port").contains("wrong JSON type").doesNotContain(SENTINEL);
    }

    @Test
    void objectWhereAStringBelongsIsAWrongTypeErrorNamingThePath() {
        String json = "{\"metadata\":{\"name\":{\"secret\":\"" + SENTINEL + "\"}}}";

        BackendReadException e = readJson(json);

        assertThat(e.getPath()).isEqualTo("metadata.name");
        assertThat(e.getMessage()).doesNotContain(SENTINEL);
    }

    @Test
    void stringWhereAListBelongsIsAWrongTypeErrorNamingThePath() {
        BackendReadException e = readJson("{\"spec\":{\"static\":{\"hosts\":\"" + SENTINEL + "\"}}}");

        assertThat(e.getPath()).isEqualTo("spec.static.hosts");
        assertThat(e.getMessage()).doesNotContain(SENTINEL);
    }

    @Test
    void nullLabelValueIsAReadErrorNamingTheObjectThatHoldsIt() {
        // maps hold no null values; the generated reader reports the object holding the map, never the key
        BackendReadException e = readJson("{\"metadata\":{\"name\":\"x\",\"labels\":{\"" + SENTINEL + "\":null}}}");

        assertThat(e.getPath()).isEqualTo("metadata");
        assertThat(e.getMessage()).contains("null or invalid element").doesNotContain(SENTINEL);
    }

    @Test
    void nullListsMapsAndObjectsReadAsAbsent() {
        // an empty YAML value (labels: with nothing after it) is a null; it was read as absent
        // before reading went through the builders, and still is
        Backend read = BackendJson.fromJson("{\"metadata\":{\"name\":\"x\",\"labels\":null,\"finalizers\":null},"
                + "\"spec\":{\"static\":{\"hosts\":null},\"aws\":null}}");
        Backend fromYaml = BackendJson.fromYaml("metadata:\n  name: x\n  labels:\n  finalizers:\nspec:\n  static:\n    hosts:\n  aws:\n");

        assertThat(read).isEqualTo(fromYaml);
        assertThat(read.getMetadata().getLabels()).isEmpty();
        assertThat(read.getMetadata().getFinalizers()).isEmpty();
        assertThat(BackendJson.toJson(read)).isEqualTo("{\"metadata\":{\"name\":\"x\"},\"spec\":{\"static\":{}}}");
    }

    @Test
    void numericStringPortIsAWrongTypeErrorNotCoerced() {
        BackendReadException e = readJson("{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"web\",\"port\":\"8080\"}]}}}");

        assertThat(e.getPath()).isEqualTo("spec.static.hosts[0].port");
        assertThat(e.getMessage()).contains("wrong JSON type");
    }

    @Test
    void fractionalPortIsAWrongTypeErrorNotTruncated() {
        BackendReadException e = readJson("{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"web\",\"port\":80.5}]}}}");

        assertThat(e.getPath()).isEqualTo("spec.static.hosts[0].port");
    }

    @Test
    void unquotedYamlNumberWhereAStringBelongsIsAWrongTypeError() {
        String yaml = "kind: Backend\nspec:\n  type: AWS\n  aws:\n    lambdaFunctionName: f\n    accountId: 123456789012\n";

        BackendReadException e = readYaml(yaml);

        assertThat(e.getPath()).isEqualTo("spec.aws.accountId");
        assertThat(e.getMessage()).startsWith("document 1: ");
    }

    @Test
    void integerTooLargeForTheMemberIsReportedAsOutOfRangeNotAsMalformed() {
        BackendReadException e = readJson("{\"spec\":{\"static\":{\"hosts\":[{\"host\":\"web\",\"port\":99999999999}]}}}");

        assertThat(e.getPath()).isEqualTo("spec.static.hosts[0].port");
        assertThat(e.getMessage()).contains("spec.static.hosts[0].port").contains("out of range").doesNotContain("not well-formed")
                .doesNotContain("99999999999");
    }

    @Test
    void stringWhereABooleanBelongsIsAWrongTypeError() {
        BackendReadException e = readJson("{\"metadata\":{\"ownerReferences\":[{\"controller\":\"true\"}]}}");

        assertThat(e.getPath()).isEqualTo("metadata.ownerReferences[0].controller");
    }

    @Test
    void numbersInUnknownMembersAreKeptAsTheyAre() {
        String json = "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"weights\":[1,1.5,\"2\",true,null]}}";

        assertThat(BackendJson.toJson(BackendJson.fromJson(json))).isEqualTo(json);
    }

    @Test
    void wrongTypeInYamlIsReportedWithTheDocumentNumberAndPath() {
        String yaml = VALID_YAML.formatted("one") + "---\n" + VALID_YAML.formatted("two").replace("port: 80", "port: " + SENTINEL);

        BackendReadException e = readYaml(yaml);

        assertThat(e.getPath()).isEqualTo("spec.static.hosts[0].port");
        assertThat(e.getMessage()).startsWith("document 2: ").contains("spec.static.hosts[0].port").doesNotContain(SENTINEL);
    }

    @Test
    void malformedYamlIsAReadErrorWithoutTheContent() {
        BackendReadException e = readYaml("metadata:\n  name: [" + SENTINEL + "\nspec: {");

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(SENTINEL);
    }

    @Test
    void emptyYamlDocumentsAreSkipped() {
        String yaml = "---\n---\n# only a comment\n---\n" + VALID_YAML.formatted("one") + "---\n\n---\n" + VALID_YAML.formatted("two") + "---\n";

        List<Backend> all = BackendJson.readAllFromString(yaml);

        assertThat(all).extracting(b -> b.getMetadata().getName()).containsExactly("one", "two");
    }

    @Test
    void emptyStreamHasNoBackends() {
        assertThat(BackendJson.readAllFromString("")).isEmpty();
        assertThat(BackendJson.readAllFromString("---\n# nothing\n")).isEmpty();
    }

    @Test
    void documentOfAnotherKindIsRejectedNamingTheDocumentNumber() {
        String yaml = VALID_YAML.formatted("one") + "---\n---\n"
                + "apiVersion: v1\nkind: Secret\nmetadata:\n  name: openai-key\nstringData:\n  token: " + SENTINEL + "\n";

        BackendReadException e = readYaml(yaml);

        assertThat(e.getMessage()).contains("document 3").contains("Secret").contains("Backend").doesNotContain(SENTINEL);
        assertThat(e.getPath()).isEqualTo("kind");
    }

    @Test
    void documentThatIsNotAnObjectIsRejectedNamingTheDocumentNumber() {
        BackendReadException e = readYaml(VALID_YAML.formatted("one") + "---\n- " + SENTINEL + "\n");

        assertThat(e.getMessage()).contains("document 2").contains("not an object").doesNotContain(SENTINEL);
    }

    @Test
    void fromYamlRejectsSeveralDocuments() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromYaml(VALID_YAML.formatted("one") + "---\n" + VALID_YAML.formatted("two")));

        assertThat(e.getMessage()).contains("expected one Backend document, found 2");
    }

    @Test
    void documentWithoutKindIsReadAsABackend() {
        List<Backend> all = BackendJson.readAllFromString("metadata:\n  name: x\n");

        assertThat(all).singleElement().satisfies(b -> {
            assertThat(b.getKind()).isNull();
            assertThat(b.validate()).extracting(Violation::path).contains("kind");
        });
    }

    @Test
    void tooDeeplyNestedDocumentIsRejectedNamingTheLimit() {
        String deep = "[".repeat(BackendJson.MAX_NESTING_DEPTH + 5) + "\"" + SENTINEL + "\"" + "]".repeat(BackendJson.MAX_NESTING_DEPTH + 5);

        BackendReadException e = readJson("{\"metadata\":{\"name\":\"x\"},\"extra\":" + deep + "}");

        assertThat(e.getMessage()).contains("size limit").contains("nesting depth " + BackendJson.MAX_NESTING_DEPTH)
                .doesNotContain(SENTINEL);
    }

    @Test
    void nullDocumentIsAReadErrorNotANullBackend() {
        BackendReadException fromJson = readJson("null");
        BackendReadException fromTree = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.fromTree(BackendJson.jsonMapper().nullNode()));

        assertThat(fromJson.getMessage()).contains("null");
        assertThat(fromTree).isNotNull();
    }

    @Test
    void emptyJsonDocumentIsAReadError() {
        assertThat(readJson("")).isNotNull();
        assertThat(readJson("   ")).isNotNull();
    }

    @Test
    void trailingContentAfterTheDocumentIsAReadError() {
        BackendReadException e = readJson("{\"metadata\":{\"name\":\"x\"}} " + SENTINEL);

        assertThat(e.getMessage()).doesNotContain(SENTINEL);
    }

    @Test
    void fromJsonDoesNotCloseTheCallersStream() {
        TrackingStream in = new TrackingStream("{\"metadata\":{\"name\":\"x\"}}");

        Backend read = BackendJson.fromJson(in);

        assertThat(read.getMetadata().getName()).isEqualTo("x");
        assertThat(in.closed).isFalse();
    }

    @Test
    void readAllDoesNotCloseTheCallersStream() {
        TrackingStream in = new TrackingStream(VALID_YAML.formatted("one") + "---\n" + VALID_YAML.formatted("two"));

        assertThat(BackendJson.readAll(in)).hasSize(2);
        assertThat(in.closed).isFalse();
    }

    private static final class TrackingStream extends ByteArrayInputStream {
        boolean closed;

        TrackingStream(String content) {
            super(content.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void readErrorIsAKgatewayException() {
        assertThat(readJson("[")).isInstanceOf(dev.kgateway.sdk.KgatewayException.class);
    }
}
