package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import org.junit.jupiter.api.Test;


import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches against the CRUD mock server. Each test watches a namespace of its own and starts
 * watching before it creates anything: the mock replays every stored object as ADDED when a watch
 * connects (a real API server does not), which would otherwise add events.
 */
class WatchTest extends SharedApiServerTest {

    @Override
    String namespacePrefix() {
        return "watch";
    }

    @Test
    void watchDeliversAddedModifiedAndDeletedInOrderWithTheServersCopies() {
        RecordingListener listener = new RecordingListener();
        try (BackendWatch watch = backends.watch(listener)) {
            Backend created = backends.create(TestBackends.staticBackend("a"));
            Backend edited = backends.edit("a", b -> withLabel(b, "tier", "gold"));
            backends.delete("a");

            listener.awaitEntry("DELETED a");
            assertThat(listener.timeline()).containsExactly("ADDED a", "MODIFIED a", "DELETED a");
            assertThat(listener.events().get(0).backend()).isEqualTo(created);
            assertThat(listener.events().get(1).backend()).isEqualTo(edited);
            assertThat(listener.events().get(2).backend().getMetadata().getName()).isEqualTo("a");
            assertThat(watch.isOpen()).isTrue();
            assertThat(watch.relistCount()).isZero();
        }
    }

    @Test
    void watchReportsEveryTypeOfBackend() {
        RecordingListener listener = new RecordingListener();
        try (BackendWatch watch = backends.watch(listener)) {
            for (TestBackends.Kind kind : TestBackends.Kind.values()) {
                backends.create(kind.backend(kind.name().toLowerCase().replace('_', '-')));
            }

            listener.awaitEntry("ADDED ai-mistral");
            assertThat(listener.events()).extracting(e -> e.backend().getSpec())
                    .containsExactlyElementsOf(java.util.Arrays.stream(TestBackends.Kind.values())
                            .map(kind -> kind.backend("x").getSpec()).toList());
        }
    }

    @Test
    void watchWithALabelSelectorDeliversOnlyMatchingBackends() {
        RecordingListener listener = new RecordingListener();
        try (BackendWatch watch = backends.watch(ListOptions.withLabel("tier", "gold"), listener)) {
            backends.create(withLabel(TestBackends.staticBackend("silver"), "tier", "silver"));
            backends.create(TestBackends.awsBackend("unlabelled"));
            backends.create(withLabel(TestBackends.openAiBackend("gold"), "tier", "gold"));

            // one connection delivers in order: had the others passed the filter, they would be here already
            listener.awaitEntry("ADDED gold");
            assertThat(listener.timeline()).containsExactly("ADDED gold");
        }
    }

    @Test
    void closedWatchDeliversNothingMore() {
        RecordingListener closed = new RecordingListener();
        RecordingListener sentinel = new RecordingListener();
        BackendWatch watch = backends.watch(closed);
        try (BackendWatch other = backends.watch(sentinel)) {
            backends.create(TestBackends.staticBackend("before"));
            closed.awaitEntry("ADDED before");

            watch.close();
            backends.create(TestBackends.staticBackend("after"));

            sentinel.awaitEntry("ADDED after");
            assertThat(closed.timeline()).containsExactly("ADDED before");
            assertThat(watch.isOpen()).isFalse();
            assertThat(closed.closes()).as("closing is not an error").isEmpty();
        }
    }

    @Test
    void closeIsIdempotent() {
        BackendWatch watch = backends.watch(new RecordingListener());

        watch.close();
        watch.close();

        assertThat(watch.isOpen()).isFalse();
    }

    @Test
    void aListenerThatThrowsDoesNotEndTheWatch() {
        RecordingListener listener = new RecordingListener();
        try (BackendWatch watch = backends.watch(event -> {
            listener.onEvent(event);
            throw new IllegalStateException("listener bug");
        })) {
            backends.create(TestBackends.staticBackend("first"));
            backends.create(TestBackends.staticBackend("second"));

            listener.awaitEntry("ADDED second");
            assertThat(listener.timeline()).containsExactly("ADDED first", "ADDED second");
            assertThat(watch.isOpen()).isTrue();
        }
    }

    @Test
    void watchInAnyNamespaceReportsEveryNamespace() {
        try (ScriptedApiServer own = new ScriptedApiServer(); KgatewayClient client = KgatewayClient.from(own.fabric8())) {
            client.installCrd(false);
            RecordingListener listener = new RecordingListener();
            try (BackendWatch watch = client.backends().inAnyNamespace().watch(listener)) {
                client.backends().inNamespace("ai").create(TestBackends.openAiBackend("openai"));
                client.backends().inNamespace("web").create(TestBackends.staticBackend("frontend"));
                client.backends().inNamespace("lambda").create(TestBackends.awsBackend("checkout"));

                listener.awaitEntry("ADDED checkout");
                assertThat(listener.events()).extracting(e -> e.backend().getMetadata().getNamespace())
                        .containsExactly("ai", "web", "lambda");
            }
        }
    }
}
