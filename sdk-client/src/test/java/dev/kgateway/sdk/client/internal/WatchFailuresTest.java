package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.client.UndecodableEventException;
import dev.kgateway.sdk.model.InvalidBackendException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

import javax.net.ssl.SSLHandshakeException;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which watch failures end a watch for good, how they are reported, and how undecodable events are described. */
class WatchFailuresTest {

    private static final Call WATCH = Call.read("watch", "ai", null);

    @Test
    void answersThatRetryingCannotChangeAreTerminal() {
        for (int code : new int[] {400, 401, 403, 404, 405, 406, 415, 422, 501}) {
            assertThat(WatchFailures.terminal((Throwable) http(code))).as("HTTP %d", code).isTrue();
        }
    }

    @Test
    void answersThatMayPassAreNotTerminal() {
        for (int code : new int[] {408, 409, 410, 429, 500, 502, 503, 504}) {
            assertThat(WatchFailures.terminal((Throwable) http(code))).as("HTTP %d", code).isFalse();
        }
        assertThat(WatchFailures.terminal((Throwable) new KubernetesClientException("lost", new IOException("reset")))).isFalse();
    }

    @Test
    void aRefusedCertificateIsTerminal() {
        KubernetesClientException tls = new KubernetesClientException("tls", new IOException(new SSLHandshakeException("PKIX")));

        assertThat(WatchFailures.terminal((Throwable) tls)).isTrue();
    }

    @Test
    void failuresThatAreNoAnswerOfTheServerAreNotTerminal() {
        assertThat(WatchFailures.terminal((Throwable) new IllegalStateException("closed"))).isFalse();
    }

    @Test
    void wrappedFailuresAreJudgedByWhatTheyWrap() {
        assertThat(WatchFailures.terminal((Throwable) new CompletionException(new ExecutionException(http(403))))).isTrue();
        assertThat(WatchFailures.terminal((Throwable) new CompletionException(http(503)))).isFalse();
        assertThat(WatchFailures.terminal((Throwable) new WatcherException("forbidden", http(403)))).isTrue();
        assertThat(WatchFailures.clientException(new CompletionException("no cause", null))).isNull();
    }

    @Test
    void sdkFailuresAreTerminalWhenTheServerRefused() {
        assertThat(WatchFailures.terminal(new KgatewayApiException("gone", 404, "NotFound", "", "ai", "", null))).isTrue();
        assertThat(WatchFailures.terminal(new KgatewayApiException("busy", 503, "", "", "ai", "", null))).isFalse();
        assertThat(WatchFailures.terminal(new InvalidBackendException(List.of()))).isTrue();
        assertThat(WatchFailures.terminal(new KgatewayException("interrupted"))).isFalse();
    }

    @Test
    void anSdkFailureWithoutAnswerIsTerminalOnlyForARefusedCertificate() {
        assertThat(WatchFailures.terminal(new KgatewayApiException("tls", 0, "", "", "ai", "",
                new IOException(new SSLHandshakeException("PKIX"))))).isTrue();
        assertThat(WatchFailures.terminal(new KgatewayApiException("lost", 0, "", "", "ai", "", new IOException("reset")))).isFalse();
        // an answered request whose cause mentions TLS is judged by its code
        assertThat(WatchFailures.terminal(new KgatewayApiException("busy", 503, "", "", "ai", "",
                new IOException(new SSLHandshakeException("PKIX"))))).isFalse();
    }

    @Test
    void anSdkFailureIsReportedAsItIs() {
        KgatewayException own = new KgatewayException("closed");

        assertThat(WatchFailures.map(own, WATCH)).isSameAs(own);
    }

    @Test
    void aFabric8FailureIsMappedLikeAnyRequest() {
        KgatewayException mapped = WatchFailures.map(new CompletionException(http(403)), WATCH);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> assertThat(e.getVerb()).isEqualTo("watch"));
    }

    @Test
    void anyOtherFailureIsNamedWithTheCall() {
        IllegalStateException odd = new IllegalStateException("odd");

        KgatewayException mapped = WatchFailures.map(odd, WATCH);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isZero())
                .hasMessage("watch backends.gateway.kgateway.dev in namespace 'ai' failed: java.lang.IllegalStateException")
                .hasCause(odd);
    }

    @Test
    void anUndecodableEventIsDescribedByItsTypeNameAndVersion() {
        String raw = "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"namespace\":\"ai\",\"name\":\"openai\",\"resourceVersion\":\"102\"}}}";
        WatcherException failure = new WatcherException("undecodable", DatabindException.from((JsonParser) null, "not an int")
                .prependPath(new Object(), "port").prependPath(new Object(), 0).prependPath(new Object(), "hosts"), raw);

        UndecodableEventException event = UndecodableEvents.describe(failure);

        assertThat(event.getEventType()).isEqualTo("MODIFIED");
        assertThat(event.getNamespace()).isEqualTo("ai");
        assertThat(event.getName()).isEqualTo("openai");
        assertThat(event.getResourceVersion()).isEqualTo("102");
        assertThat(event.getReason()).isEqualTo("DatabindException at hosts[0].port");
    }

    @Test
    void anEventThatIsNotJsonIsDescribedWithEmptyFields() {
        WatcherException failure = new WatcherException("undecodable", new IllegalStateException("bad frame"), "{not json");

        UndecodableEventException event = UndecodableEvents.describe(failure);

        assertThat(event.getEventType()).isEmpty();
        assertThat(event.getName()).isEmpty();
        assertThat(event.getResourceVersion()).isEmpty();
        assertThat(event.getReason()).isEqualTo("IllegalStateException (the event is not a Backend watch event)");
    }

    @Test
    void nonTextMembersOfAnEventAreNotTakenAsNames() {
        String raw = "{\"type\":1,\"object\":{\"metadata\":{\"name\":[\"x\"],\"resourceVersion\":7}}}";

        UndecodableEventException event = UndecodableEvents.describe(new WatcherException("undecodable", new IOException(), raw));

        assertThat(event.getEventType()).isEmpty();
        assertThat(event.getName()).isEmpty();
        assertThat(event.getResourceVersion()).isEmpty();
    }

    @Test
    void theReasonNamesTheInnermostReadErrorOrTheRootCause() {
        MismatchedInputException inner = MismatchedInputException.from((JsonParser) null, Integer.class, "inner");
        RuntimeException outer = new RuntimeException(DatabindException.from((JsonParser) null, "outer", inner));

        assertThat(UndecodableEvents.reason(outer)).isEqualTo("MismatchedInputException");
        assertThat(UndecodableEvents.reason(new RuntimeException(new IOException(new IllegalArgumentException()))))
                .isEqualTo("IllegalArgumentException (the event is not a Backend watch event)");
    }

    private static KubernetesClientException http(int code) {
        return new KubernetesClientException("HTTP " + code, code, null);
    }
}
