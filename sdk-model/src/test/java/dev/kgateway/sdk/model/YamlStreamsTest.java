package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * YAML streams as GitOps repositories and {@code kubectl get -o yaml} hold them: Backends next to
 * other kinds, other projects' {@code Backend}s, and {@code List}s. The strict readers fail at the
 * first document that is not a kgateway Backend, naming it; the selecting readers skip and report it.
 */
class YamlStreamsTest {

    private static String backend(String name) {
        return """
                apiVersion: gateway.kgateway.dev/v1alpha1
                kind: Backend
                metadata:
                  name: %s
                spec:
                  type: Static
                  static:
                    hosts:
                    - host: %s.internal
                      port: 8080
                """.formatted(name, name);
    }

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: web-route
            spec:
              rules:
              - backendRefs:
                - group: gateway.kgateway.dev
                  kind: Backend
                  name: web
            """;

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: openai-key
            stringData:
              Authorization: sk-SENTINEL-123
            """;

    /** Envoy Gateway's Backend: same kind, another group. */
    private static final String ENVOY_GATEWAY_BACKEND = """
            apiVersion: gateway.envoyproxy.io/v1alpha1
            kind: Backend
            metadata:
              name: eg-backend
            spec:
              endpoints:
              - fqdn:
                  hostname: example.com
                  port: 443
            """;

    private static String stream(String... documents) {
        return "---\n" + String.join("---\n", documents);
    }

    /** What {@code kubectl get backends -o yaml} prints: a v1 List of Backends. */
    private static String kubectlList(String... items) {
        StringBuilder out = new StringBuilder("apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: \"\"\nitems:\n");
        for (String item : items) {
            out.append(item.indent(2).replaceFirst("^  ", "- "));
        }
        return out.toString();
    }

    private static BackendReadException strictError(String yaml) {
        return catchThrowableOfType(BackendReadException.class, () -> BackendJson.readAllFromString(yaml));
    }

    private static List<String> names(List<Backend> backends) {
        return backends.stream().map(b -> b.getMetadata().getName()).toList();
    }

    // ---- the strict reader ----

    @Test
    void strictReaderNamesTheFirstDocumentOfAnotherKind() {
        BackendReadException e = strictError(stream(backend("web"), ROUTE, backend("api")));

        assertThat(e.getMessage()).isEqualTo("document 2 has kind HTTPRoute, expected Backend");
        assertThat(e.getPath()).isEqualTo("kind");
    }

    @Test
    void strictReaderRefusesAnotherProjectsBackendNamingItsGroup() {
        BackendReadException e = strictError(stream(backend("web"), ENVOY_GATEWAY_BACKEND));

        assertThat(e.getMessage()).isEqualTo("document 2 has apiVersion gateway.envoyproxy.io/v1alpha1, not a kgateway Backend"
                + " (expected gateway.kgateway.dev/v1alpha1)");
        assertThat(e.getPath()).isEqualTo("apiVersion");
    }

    @Test
    void strictReaderRefusesAKgatewayVersionItDoesNotRead() {
        BackendReadException e = strictError(backend("web").replace("/v1alpha1", "/v1"));

        assertThat(e.getMessage()).isEqualTo("document 1 has apiVersion gateway.kgateway.dev/v1, a version this SDK does not read"
                + " (it reads gateway.kgateway.dev/v1alpha1)");
    }

    @Test
    void strictReaderStillReadsDocumentsWithoutKindOrApiVersion() {
        assertThat(names(BackendJson.readAllFromString("metadata:\n  name: partial\n"))).containsExactly("partial");
    }

    @Test
    void anApiVersionThatIsNoVersionIsNotQuoted() {
        BackendReadException e = strictError(backend("web").replace("gateway.kgateway.dev/v1alpha1", "sk-SENTINEL-123"));

        assertThat(e.getMessage()).contains("an apiVersion that is not a Kubernetes API version").doesNotContain("SENTINEL");
    }

    @Test
    void anApiVersionThatIsNotAStringIsRefused() {
        BackendReadException e = strictError(backend("web").replace("gateway.kgateway.dev/v1alpha1", "[1, 2]"));

        assertThat(e.getMessage()).isEqualTo("document 1 has an apiVersion that is not a Kubernetes API version, not a kgateway Backend"
                + " (expected gateway.kgateway.dev/v1alpha1)");
    }

    @Test
    void fromYamlChecksTheGroupToo() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class, () -> BackendJson.fromYaml(ENVOY_GATEWAY_BACKEND));

        assertThat(e.getMessage()).startsWith("document 1 has apiVersion gateway.envoyproxy.io/v1alpha1");
    }

    @Test
    void kubectlListIsReadAsItsItems() {
        List<Backend> backends = BackendJson.readAllFromString(kubectlList(backend("web"), backend("api")));

        assertThat(names(backends)).containsExactly("web", "api");
        assertThat(BackendJson.toTree(backends.get(1)).at("/spec/static/hosts/0/host").asString()).isEqualTo("api.internal");
    }

    @Test
    void backendListIsReadAsItsItems() {
        String list = kubectlList(backend("web")).replace("apiVersion: v1\nkind: List", "apiVersion: gateway.kgateway.dev/v1alpha1\nkind: BackendList");

        assertThat(names(BackendJson.readAllFromString(stream(list, backend("api"))))).containsExactly("web", "api");
    }

    @Test
    void anEmptyListHasNoBackends() {
        assertThat(BackendJson.readAllFromString("apiVersion: v1\nkind: List\nitems: []\n")).isEmpty();
        assertThat(BackendJson.readAllFromString("apiVersion: v1\nkind: List\n")).isEmpty();
    }

    @Test
    void aBackendListOfAnotherGroupIsNotAList() {
        BackendReadException e = strictError("apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: BackendList\nitems: []\n");

        assertThat(e.getMessage()).isEqualTo("document 1 has kind BackendList, expected Backend");
    }

    @Test
    void strictReaderNamesTheListItemOfAnotherKind() {
        BackendReadException e = strictError(stream(backend("first"), kubectlList(backend("web"), SECRET)));

        assertThat(e.getMessage()).isEqualTo("document 2, item 1 has kind Secret, expected Backend");
        assertThat(e.getPath()).isEqualTo("items[1].kind");
    }

    @Test
    void aWrongTypeInAListItemNamesTheItemAndPath() {
        BackendReadException e = strictError(kubectlList(backend("web"), backend("api").replace("port: 8080", "port: eighty")));

        assertThat(e.getMessage()).startsWith("document 1, item 1: cannot read Backend at spec.static.hosts[0].port");
        assertThat(e.getPath()).isEqualTo("items[1].spec.static.hosts[0].port");
    }

    @Test
    void aListWhoseItemsIsNotAnArrayIsRefused() {
        BackendReadException e = strictError("apiVersion: v1\nkind: List\nitems: {a: 1}\n");

        assertThat(e.getMessage()).isEqualTo("document 1 is a List whose items is not an array");
        assertThat(e.getPath()).isEqualTo("items");
    }

    @Test
    void aListInsideAListIsNotRead() {
        BackendReadException e = strictError(kubectlList(kubectlList(backend("web"))));

        assertThat(e.getMessage()).isEqualTo("document 1, item 0 has kind List, expected Backend");
    }

    // ---- the selecting reader ----

    @Test
    void selectingReaderReadsTheBackendsAndReportsEveryOtherDocument() {
        BackendSelection read = BackendJson.selectBackendsFromString(stream(SECRET, backend("web"), ROUTE, ENVOY_GATEWAY_BACKEND, backend("api")));

        assertThat(names(read.backends())).containsExactly("web", "api");
        assertThat(read.skipped()).extracting(SkippedDocument::document, SkippedDocument::item, SkippedDocument::apiVersion,
                        SkippedDocument::kind, SkippedDocument::name)
                .containsExactly(
                        tuple(1, null, "v1", "Secret", "openai-key"),
                        tuple(3, null, "gateway.networking.k8s.io/v1", "HTTPRoute", "web-route"),
                        tuple(4, null, "gateway.envoyproxy.io/v1alpha1", "Backend", "eg-backend"));
        assertThat(read.skipped().get(0).reason()).isEqualTo("has kind Secret, expected Backend");
        assertThat(read.skipped().get(2).reason()).isEqualTo("has apiVersion gateway.envoyproxy.io/v1alpha1, not a kgateway Backend"
                + " (expected gateway.kgateway.dev/v1alpha1)");
    }

    @Test
    void skippedDocumentsSayWhatTheyAreWithoutTheirContent() {
        BackendSelection read = BackendJson.selectBackendsFromString(stream(SECRET, backend("web")));

        assertThat(read.skipped().get(0)).hasToString("document 1 (v1 Secret 'openai-key'): has kind Secret, expected Backend");
        assertThat(read.toString()).doesNotContain("SENTINEL");
    }

    @Test
    void selectingReaderSkipsListItemsOfOtherKindsNamingTheItem() {
        BackendSelection read = BackendJson.selectBackendsFromString(kubectlList(SECRET, backend("web"), ENVOY_GATEWAY_BACKEND));

        assertThat(names(read.backends())).containsExactly("web");
        assertThat(read.skipped()).extracting(SkippedDocument::document, SkippedDocument::item, SkippedDocument::kind)
                .containsExactly(tuple(1, 0, "Secret"), tuple(1, 2, "Backend"));
        assertThat(read.skipped().get(1)).hasToString("document 1, item 2 (gateway.envoyproxy.io/v1alpha1 Backend 'eg-backend'):"
                + " has apiVersion gateway.envoyproxy.io/v1alpha1, not a kgateway Backend (expected gateway.kgateway.dev/v1alpha1)");
    }

    @Test
    void selectingReaderReportsNonObjectsAndBrokenLists() {
        BackendSelection read = BackendJson.selectBackendsFromString(stream("- a\n- b\n", "apiVersion: v1\nkind: List\nitems: 3\n", backend("web")));

        assertThat(names(read.backends())).containsExactly("web");
        assertThat(read.skipped()).extracting(SkippedDocument::document, SkippedDocument::kind, SkippedDocument::reason)
                .containsExactly(tuple(1, null, "is not an object"), tuple(2, "List", "is a List whose items is not an array"));
    }

    @Test
    void kindsAndNamesThatAreNotShapedLikeKubernetesNamesAreLeftOut() {
        String hostile = "apiVersion: sk-SENTINEL/123\nkind: SK-SENTINEL-123\nmetadata:\n  name: \"sk SENTINEL 123\"\n";

        SkippedDocument skipped = BackendJson.selectBackendsFromString(hostile).skipped().get(0);

        assertThat(skipped.apiVersion()).isNull();
        assertThat(skipped.kind()).isNull();
        assertThat(skipped.name()).isNull();
        assertThat(skipped).hasToString("document 1: has a kind that is not a Kubernetes kind name, expected Backend");
    }

    @Test
    void aBrokenBackendIsStillAnErrorForTheSelectingReader() {
        BackendReadException e = catchThrowableOfType(BackendReadException.class,
                () -> BackendJson.selectBackendsFromString(stream(SECRET, backend("web").replace("port: 8080", "port: [1]"))));

        assertThat(e.getMessage()).startsWith("document 2: cannot read Backend at spec.static.hosts[0].port");
    }

    @Test
    void emptyDocumentsAreNeitherBackendsNorReported() {
        BackendSelection read = BackendJson.selectBackendsFromString("---\n---\n# only a comment\n---\n" + backend("web"));

        assertThat(names(read.backends())).containsExactly("web");
        assertThat(read.skipped()).isEmpty();
    }

    @Test
    void documentNumbersCountEmptyDocuments() {
        BackendSelection read = BackendJson.selectBackendsFromString("---\n---\n" + SECRET);

        assertThat(read.skipped()).extracting(SkippedDocument::document).containsExactly(2);
    }

    @Test
    void selectionListsAreImmutable() {
        BackendSelection read = BackendJson.selectBackendsFromString(stream(SECRET, backend("web")));

        assertThat(read.backends()).isUnmodifiable();
        assertThat(read.skipped()).isUnmodifiable();
    }

    // ---- files and streams: a String is always content ----

    @Test
    void filesAndStreamsAreReadTheSameWay(@TempDir Path dir) throws Exception {
        String yaml = stream(ROUTE, kubectlList(backend("web"), SECRET), backend("api"));
        Path file = Files.writeString(dir.resolve("app.yaml"), yaml);
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);

        BackendSelection fromFile = BackendJson.selectBackends(file);
        BackendSelection fromStream = BackendJson.selectBackends(new ByteArrayInputStream(bytes));

        assertThat(fromFile).isEqualTo(fromStream).isEqualTo(BackendJson.selectBackendsFromString(yaml));
        assertThat(names(fromFile.backends())).containsExactly("web", "api");
        assertThat(fromFile.skipped()).extracting(SkippedDocument::document, SkippedDocument::item).containsExactly(tuple(1, null), tuple(2, 1));
        String strict = stream(backend("web"), kubectlList(backend("api")));
        Files.writeString(file, strict);
        assertThat(names(BackendJson.readAll(file))).containsExactly("web", "api");
    }

    @Test
    void noReadMethodTakesAStringThatCouldBeAFileName() {
        // readAll("backends.yaml") used to compile and read the file name as YAML: a String is now
        // only ever a document's text, and the method's name says so
        List<String> stringReaders = java.util.Arrays.stream(BackendJson.class.getMethods())
                .filter(m -> java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class)
                .map(java.lang.reflect.Method::getName)
                .sorted()
                .toList();

        assertThat(stringReaders).containsExactly("fromJson", "fromYaml", "readAllFromString", "selectBackendsFromString");
        assertThat(strictError("backends.yaml").getMessage()).isEqualTo("document 1 is not an object");
    }

    @Test
    void invalidUtf8InAFileIsAReadErrorForTheSelectingReaderToo(@TempDir Path dir) throws Exception {
        byte[] head = backend("web").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 1);
        bytes[head.length] = (byte) 0xff;
        Path file = Files.write(dir.resolve("bad.yaml"), bytes);

        BackendReadException e = catchThrowableOfType(BackendReadException.class, () -> BackendJson.selectBackends(file));

        assertThat(e.getMessage()).isEqualTo("document is not well-formed JSON/YAML: invalid UTF-8 (at byte " + head.length + ")");
    }
}
