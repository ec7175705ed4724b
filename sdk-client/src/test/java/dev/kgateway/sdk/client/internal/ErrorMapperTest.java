package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendAlreadyExistsException;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.BackendRejectedException;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.model.Violation;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The one place HTTP failures become the SDK's exceptions, fed fabric8's exceptions directly: every
 * code, reason and message shape the mapping tells apart, without a server.
 */
class ErrorMapperTest {

    private static final Call GET = Call.read("get", "ai", "openai");
    private static final Call LIST = Call.read("list", "ai", null);
    private static final Call CREATE = Call.create("ai", "openai");
    private static final Call UPDATE = Call.write("update", "ai", "openai");
    private static final Call APPLY = Call.apply("ai", "openai");
    private static final Call CRD_GET = Call.crd("get", "backends.gateway.kgateway.dev", true);

    @Test
    void aTimeoutIsCode408WithTheCallInTheMessage() {
        KubernetesClientTimeoutException timeout = new KubernetesClientTimeoutException("Backend", "openai", "ai", 5, TimeUnit.SECONDS);

        KgatewayException mapped = ErrorMapper.map(timeout, GET);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(408);
            assertThat(e.getReason()).isEqualTo("Timeout");
            assertThat(e.getName()).isEqualTo("openai");
        }).hasMessage("timed out: get backends.gateway.kgateway.dev 'openai' in namespace 'ai'").hasCause(timeout);
    }

    @Test
    void aNotFoundGetIsBackendNotFound() {
        KgatewayException mapped = ErrorMapper.map(http(404, "NotFound", "backends.gateway.kgateway.dev \"openai\" not found"), GET);

        assertThat(mapped).isInstanceOfSatisfying(BackendNotFoundException.class, e -> {
            assertThat(e.getNamespace()).isEqualTo("ai");
            assertThat(e.getName()).isEqualTo("openai");
            assertThat(e.getServerMessage()).isEqualTo("backends.gateway.kgateway.dev \"openai\" not found");
        }).hasMessage("Backend 'openai' not found in namespace 'ai'");
    }

    @Test
    void aNotFoundNamingTheNamespaceSaysToCreateTheNamespace() {
        KgatewayException mapped = ErrorMapper.map(http(404, "NotFound", "namespaces \"ai\" not found"), GET);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessage("namespace 'ai' does not exist: get backends.gateway.kgateway.dev 'openai' in namespace 'ai';"
                        + " create the namespace first");
    }

    @Test
    void aNotFoundWhoseDetailsAreANamespaceSaysTheNamespaceIsMissing() {
        Status status = new StatusBuilder().withCode(404).withReason("NotFound").withMessage("not found")
                .withNewDetails().withKind("namespaces").withName("ai").endDetails().build();

        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("not found", 404, status), GET);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class).hasMessageStartingWith("namespace 'ai' does not exist");
    }

    @Test
    void aNotFoundWhoseDetailsNameAnotherKindIsAMissingBackend() {
        Status status = new StatusBuilder().withCode(404).withReason("NotFound").withMessage("not found")
                .withNewDetails().withKind("backends").withName("openai").endDetails().build();

        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("not found", 404, status), GET);

        assertThat(mapped).isInstanceOf(BackendNotFoundException.class);
    }

    @Test
    void aNotFoundWithoutStatusIsAMissingBackend() {
        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("not found", 404, null), GET);

        assertThat(mapped).isInstanceOfSatisfying(BackendNotFoundException.class, e -> assertThat(e.getServerMessage()).isEmpty());
    }

    @Test
    void aPathNoApiServesIsTheCrdMissingNotTheBackend() {
        KgatewayException mapped = ErrorMapper.map(http(404, "NotFound", "the server could not find the requested resource"), GET);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessageContaining("is not served by the cluster, so get backends.gateway.kgateway.dev 'openai' in namespace 'ai'"
                        + " cannot work")
                .hasMessageEndingWith("(server: the server could not find the requested resource)");
    }

    @Test
    void aNotFoundForAListOrCreateIsTheCrdMissing() {
        assertThat(ErrorMapper.map(http(404, "NotFound", "page not found"), LIST))
                .isExactlyInstanceOf(KgatewayApiException.class).hasMessageContaining("is not served by the cluster");
        assertThat(ErrorMapper.map(http(404, "NotFound", "page not found"), CREATE))
                .isExactlyInstanceOf(KgatewayApiException.class).hasMessageContaining("is not served by the cluster");
        assertThat(ErrorMapper.map(http(404, "NotFound", "page not found"), Call.read("watch", "ai", null)))
                .isExactlyInstanceOf(KgatewayApiException.class).hasMessageContaining("is not served by the cluster");
    }

    @Test
    void aNotFoundForAServerSideApplyIsTheCrdMissing() {
        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("not found", 404, null), APPLY);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessageContaining("is not served by the cluster")
                .hasMessageEndingWith("call KgatewayClient.installCrd(..)");
    }

    @Test
    void notServedOrNoNamespaceReadsTheStatusTree() {
        JsonMapper mapper = JsonMapper.shared();

        assertThat(ErrorMapper.notServedOrNoNamespace(null)).isFalse();
        assertThat(ErrorMapper.notServedOrNoNamespace(mapper.readTree("{\"message\":\"backends \\\"x\\\" not found\"}"))).isFalse();
        assertThat(ErrorMapper.notServedOrNoNamespace(mapper.readTree("{\"message\":\"the server could not find the requested resource\"}")))
                .isTrue();
        assertThat(ErrorMapper.notServedOrNoNamespace(mapper.readTree("{\"message\":\"namespaces \\\"ai\\\" not found\"}"))).isTrue();
        assertThat(ErrorMapper.notServedOrNoNamespace(mapper.readTree("{\"details\":{\"kind\":\"namespaces\"}}"))).isTrue();
        assertThat(ErrorMapper.notServedOrNoNamespace(mapper.readTree("{\"details\":{\"kind\":\"backends\"}}"))).isFalse();
    }

    @Test
    void aConflictWithReasonAlreadyExistsIsAlreadyExists() {
        KgatewayException mapped = ErrorMapper.map(http(409, "AlreadyExists", "already exists"), UPDATE);

        assertThat(mapped).isInstanceOf(BackendAlreadyExistsException.class).hasMessage("Backend 'openai' already exists in namespace 'ai'");
    }

    @Test
    void aConflictAnsweringACreateIsAlreadyExistsWhateverItsReason() {
        KgatewayException mapped = ErrorMapper.map(http(409, "Invalid", "conflict"), CREATE);

        assertThat(mapped).isInstanceOf(BackendAlreadyExistsException.class);
    }

    @Test
    void aConflictAnsweringAnUpdateIsAStaleResourceVersion() {
        KgatewayException mapped = ErrorMapper.map(http(409, "Conflict", "the object has been modified"), UPDATE);

        assertThat(mapped).isExactlyInstanceOf(BackendConflictException.class)
                .hasMessage("Backend 'openai' in namespace 'ai' was changed by someone else (stale resourceVersion or a failed"
                        + " precondition); read it again and retry: the object has been modified");
    }

    @Test
    void aConflictWithoutMessageEndsAtTheAdvice() {
        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("conflict", 409, null), UPDATE);

        assertThat(mapped).isExactlyInstanceOf(BackendConflictException.class).hasMessageEndingWith("read it again and retry");
    }

    @Test
    void aConflictAnsweringAnApplyIsAboutFieldOwnership() {
        KgatewayException mapped = ErrorMapper.map(http(409, "Conflict", "Apply failed with 1 conflict"), APPLY);

        assertThat(mapped).isExactlyInstanceOf(BackendConflictException.class)
                .hasMessageStartingWith("server-side apply of Backend 'openai' in namespace 'ai' sets fields another field manager owns")
                .hasMessageContaining("ApplyOptions.withForce(true)")
                .hasMessageEndingWith(": Apply failed with 1 conflict");
    }

    @Test
    void anUnprocessableBackendCarriesTheServersFieldCauses() {
        Status status = new StatusBuilder().withCode(422).withReason("Invalid").withMessage("Backend.gateway.kgateway.dev \"openai\" is invalid")
                .withNewDetails()
                .addNewCause().withField("spec.static.hosts[0].port").withReason("FieldValueInvalid").withMessage("must be at most 65535").endCause()
                .addNewCause().endCause()
                .endDetails().build();

        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("invalid", 422, status), UPDATE);

        assertThat(mapped).isInstanceOfSatisfying(BackendRejectedException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getReason()).isEqualTo("Invalid");
            assertThat(e.getViolations()).extracting(Violation::path, Violation::rule, Violation::message).containsExactly(
                    tuple("spec.static.hosts[0].port", "FieldValueInvalid", "must be at most 65535"),
                    tuple("", "server", ""));
        }).hasMessage("API server rejected Backend 'openai' in namespace 'ai' (HTTP 422 Invalid): Backend.gateway.kgateway.dev"
                + " \"openai\" is invalid");
    }

    @Test
    void anUnprocessableBackendWithoutStatusHasNoViolationsAndNoReason() {
        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("invalid", 422, null), UPDATE);

        assertThat(mapped).isInstanceOfSatisfying(BackendRejectedException.class, e -> assertThat(e.getViolations()).isEmpty())
                .hasMessage("API server rejected Backend 'openai' in namespace 'ai' (HTTP 422)");
    }

    @Test
    void anUnprocessableBackendWithDetailsButNoCausesHasNoViolations() {
        Status status = new StatusBuilder().withCode(422).withReason("Invalid").withNewDetails().withName("openai").endDetails().build();
        status.getDetails().setCauses(null);

        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("invalid", 422, status), UPDATE);

        assertThat(mapped).isInstanceOfSatisfying(BackendRejectedException.class, e -> assertThat(e.getViolations()).isEmpty());
    }

    @Test
    void refusedCredentialsAre401ForTheCallsVerb() {
        KgatewayException mapped = ErrorMapper.map(http(401, "Unauthorized", "Unauthorized"), GET);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
            assertThat(e.getCode()).isEqualTo(401);
            assertThat(e.getVerb()).isEqualTo("get");
            assertThat(e.getResource()).isEqualTo("backends.gateway.kgateway.dev");
        }).hasMessage("unauthorized: the credentials were refused for get backends.gateway.kgateway.dev 'openai' in namespace 'ai':"
                + " Unauthorized");
    }

    @Test
    void aForbiddenAnswerNamesTheVerbAndResourceTheAuthorizerDenied() {
        KgatewayException mapped = ErrorMapper.map(http(403, "Forbidden", "backends.gateway.kgateway.dev \"openai\" is forbidden: User"
                + " \"app\" cannot patch resource \"backends/status\" in API group \"gateway.kgateway.dev\""), UPDATE);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
            assertThat(e.getVerb()).isEqualTo("patch");
            assertThat(e.getResource()).isEqualTo("backends.gateway.kgateway.dev/status");
        }).hasMessageStartingWith("forbidden: cannot patch backends.gateway.kgateway.dev/status 'openai' in namespace 'ai';"
                + " grant verb 'patch' on resource 'backends.gateway.kgateway.dev/status': backends");
    }

    @Test
    void aForbiddenAnswerOnTheMainResourceKeepsTheGroupQualifiedName() {
        KgatewayException mapped = ErrorMapper.map(http(403, "Forbidden", "User \"app\" cannot watch resource \"backends\" in API group"),
                LIST);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> {
            assertThat(e.getVerb()).isEqualTo("watch");
            assertThat(e.getResource()).isEqualTo("backends.gateway.kgateway.dev");
        }).hasMessageStartingWith("forbidden: cannot watch backends.gateway.kgateway.dev in namespace 'ai'; grant verb 'watch'");
    }

    @Test
    void aForbiddenAnswerWithoutTheAuthorizersWordsBlamesTheCall() {
        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("forbidden", 403, null), GET);

        assertThat(mapped).isInstanceOfSatisfying(KgatewayAuthorizationException.class, e -> assertThat(e.getVerb()).isEqualTo("get"))
                .hasMessage("forbidden: cannot get backends.gateway.kgateway.dev 'openai' in namespace 'ai'; grant verb 'get' on resource"
                        + " 'backends.gateway.kgateway.dev'");
    }

    @Test
    void anApplyDeniedCreateSaysApplyNeedsCreateToo() {
        KgatewayException mapped = ErrorMapper.map(http(403, "Forbidden", "User \"app\" cannot create resource \"backends\""), APPLY);

        assertThat(mapped).hasMessageContaining("; a server-side apply that creates the Backend needs verb 'create' as well as 'patch'");
    }

    @Test
    void anApplyDeniedPatchGivesNoCreateHint() {
        KgatewayException mapped = ErrorMapper.map(http(403, "Forbidden", "User \"app\" cannot patch resource \"backends\""), APPLY);

        assertThat(mapped).hasMessageNotContaining("needs verb 'create'");
    }

    @Test
    void aCreateDeniedOutsideAnApplyGivesNoApplyHint() {
        KgatewayException mapped = ErrorMapper.map(http(403, "Forbidden", "User \"app\" cannot create resource \"backends\""), CREATE);

        assertThat(mapped).hasMessageNotContaining("server-side apply");
    }

    @Test
    void aTerminatingNamespaceIsNotBlamedOnRbac() {
        KgatewayException mapped = ErrorMapper.map(http(403, "Forbidden", "unable to create new content in namespace ai because it is"
                + " being terminated"), CREATE);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessage("namespace 'ai' is being deleted, and the API server accepts no new objects in it: create"
                        + " backends.gateway.kgateway.dev 'openai' in namespace 'ai': unable to create new content in namespace ai"
                        + " because it is being terminated");
    }

    @Test
    void otherCodesSayTheCodeReasonCallAndServerMessage() {
        KgatewayException mapped = ErrorMapper.map(http(500, "InternalError", "etcd leader changed"), GET);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class).isInstanceOfSatisfying(KgatewayApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(500);
            assertThat(e.getReason()).isEqualTo("InternalError");
            assertThat(e.getServerMessage()).isEqualTo("etcd leader changed");
        }).hasMessage("HTTP 500 InternalError: get backends.gateway.kgateway.dev 'openai' in namespace 'ai': etcd leader changed");
    }

    @Test
    void otherCodesWithoutStatusSayTheCodeAndCall() {
        KgatewayException mapped = ErrorMapper.map(new KubernetesClientException("bad gateway", 502, null), LIST);

        assertThat(mapped).hasMessage("HTTP 502: list backends.gateway.kgateway.dev in namespace 'ai'");
    }

    @Test
    void aRequestAboutTheCrdIsMappedWithoutBackendSemantics() {
        KgatewayException mapped = ErrorMapper.map(http(404, "NotFound", "customresourcedefinitions \"x\" not found"), CRD_GET);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class)
                .hasMessage("HTTP 404 NotFound: get customresourcedefinitions.apiextensions.k8s.io 'backends.gateway.kgateway.dev'"
                        + " (cluster-scoped): customresourcedefinitions \"x\" not found");
    }

    @Test
    void noAnswerIsCodeZeroNamingTheCall() {
        KubernetesClientException lost = new KubernetesClientException("failed", new IOException("connection reset"));

        KgatewayException mapped = ErrorMapper.map(lost, GET);

        assertThat(mapped).isExactlyInstanceOf(KgatewayApiException.class)
                .isInstanceOfSatisfying(KgatewayApiException.class, e -> assertThat(e.getCode()).isZero())
                .hasMessage("no answer from the API server: get backends.gateway.kgateway.dev 'openai' in namespace 'ai'");
    }

    @Test
    void aRefusedCertificateIsNamedAsSuch() {
        KubernetesClientException refused = new KubernetesClientException("failed",
                new IOException("handshake", new SSLHandshakeException("PKIX path building failed")));

        assertThat(ErrorMapper.map(refused, GET))
                .hasMessage("the API server's TLS certificate or name was refused: get backends.gateway.kgateway.dev 'openai' in namespace 'ai'");
    }

    @Test
    void aFailureWithoutCodeAndWithoutIoCauseIsNotNoAnswer() {
        KubernetesClientException odd = new KubernetesClientException("failed", new IllegalStateException("closed"));

        assertThat(ErrorMapper.noAnswer(odd)).isFalse();
        assertThat(ErrorMapper.map(odd, GET)).hasMessage("HTTP 0: get backends.gateway.kgateway.dev 'openai' in namespace 'ai'");
    }

    @Test
    void anIoCauseWithCodeZeroOrMinusOneIsNoAnswer() {
        assertThat(ErrorMapper.noAnswer(new KubernetesClientException("failed", new IOException("reset"), 0, null, null))).isTrue();
        assertThat(ErrorMapper.noAnswer(new KubernetesClientException("failed", new IOException("reset"), -1, null, null))).isTrue();
        assertThat(ErrorMapper.noAnswer(new KubernetesClientException("failed", new IOException("reset"), 1, null, null))).isFalse();
    }

    @Test
    void anIoCauseWithAnHttpCodeIsNotNoAnswer() {
        KubernetesClientException answered = new KubernetesClientException("failed", new IOException("body"), 503, null, null);

        assertThat(ErrorMapper.noAnswer(answered)).isFalse();
    }

    @Test
    void tlsRefusalsAreCertificateAndPeerFailuresNotCutHandshakes() {
        assertThat(ErrorMapper.tlsRefused(new IOException(new SSLHandshakeException("PKIX path building failed")))).isTrue();
        assertThat(ErrorMapper.tlsRefused(new IOException(new SSLHandshakeException("No subject alternative names present")))).isTrue();
        assertThat(ErrorMapper.tlsRefused(new IOException(new SSLHandshakeException("Remote host terminated the handshake")))).isFalse();
        assertThat(ErrorMapper.tlsRefused(new IOException(new SSLPeerUnverifiedException("x")))).isTrue();
        assertThat(ErrorMapper.tlsRefused(new IOException(new CertificateException("x")))).isTrue();
        assertThat(ErrorMapper.tlsRefused(new IOException(new ConnectException("refused")))).isFalse();
    }

    @Test
    void anUnreadableAnswerNamesThePathAndTheRootCause() {
        JacksonException unreadable = DatabindException.from((JsonParser) null, "Cannot deserialize",
                        new NumberFormatException("For input string: \"eighty\""))
                .prependPath(new Object(), "port").prependPath(new Object(), 0).prependPath(new Object(), "hosts");
        KubernetesClientException e = new KubernetesClientException("unreadable", unreadable);

        KgatewayException mapped = ErrorMapper.map(e, GET);

        assertThat(mapped).hasMessage("the API server's answer could not be read as Backends: get backends.gateway.kgateway.dev"
                + " 'openai' in namespace 'ai': at hosts[0].port: NumberFormatException For input string: \"eighty\"");
    }

    @Test
    void anUnreadableCrdAnswerIsNotCalledBackends() {
        KubernetesClientException e = new KubernetesClientException("unreadable", DatabindException.from((JsonParser) null, "bad"));

        assertThat(ErrorMapper.map(e, CRD_GET)).hasMessageStartingWith("the API server's answer could not be read as the expected object:")
                .hasMessageEndingWith(": bad");
    }

    @Test
    void describeGivesTheOriginalMessageWhenThereIsNoCause() {
        JacksonException e = DatabindException.from((JsonParser) null, "Unexpected end-of-input").prependPath(new Object(), "spec");

        assertThat(ErrorMapper.describe(e)).isEqualTo("at spec: Unexpected end-of-input");
    }

    @Test
    void describeOfARootCauseWithoutMessageIsItsName() {
        JacksonException e = DatabindException.from((JsonParser) null, "wrapped", new IllegalStateException());

        assertThat(ErrorMapper.describe(e)).isEqualTo("IllegalStateException");
    }

    @Test
    void aMissingResponseCodeIsZero() {
        assertThat(ErrorMapper.responseCode(new KubernetesClientException("lost", -1, null))).isZero();
        assertThat(ErrorMapper.responseCode(new KubernetesClientException("ok", 503, null))).isEqualTo(503);
    }

    @Test
    void causeFindsTheFirstOfATypeAndStopsAtASelfCause() {
        ConnectException connect = new ConnectException("refused");
        IOException outer = new IOException("outer", connect);

        assertThat(ErrorMapper.cause(new RuntimeException(outer), IOException.class)).isSameAs(outer);
        assertThat(ErrorMapper.cause(new RuntimeException(outer), ConnectException.class)).isSameAs(connect);
        assertThat(ErrorMapper.cause(new SelfCaused(), IOException.class)).isNull();
    }

    /** A throwable that names itself as its cause, as some libraries' do. */
    private static final class SelfCaused extends RuntimeException {
        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }

    private static KubernetesClientException http(int code, String reason, String message) {
        Status status = new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build();
        return new KubernetesClientException(message, code, status);
    }
}
