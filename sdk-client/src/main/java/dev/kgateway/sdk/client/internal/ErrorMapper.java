package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendAlreadyExistsException;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.BackendRejectedException;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.Violation;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import tools.jackson.core.JacksonException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place where fabric8 and HTTP failures become the SDK's exceptions. */
final class ErrorMapper {

    /** kube-apiserver's 404 for a path no API serves: the CRD is not installed or not yet Established. */
    private static final String NOT_SERVED = "the server could not find the requested resource";
    /** kube-apiserver's words for members a CRD does not declare, under {@code fieldValidation=Strict}. */
    static final String STRICT_DECODING = "strict decoding error:";
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown field \"([^\"]+)\"");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("duplicate field \"([^\"]+)\"");

    /** kube-apiserver's whole body, as plain text, for a path no API serves. */
    static final String PLAIN_NOT_FOUND = "404 page not found";
    private static final Pattern MISSING_NAMESPACE = Pattern.compile("namespaces \"([^\"]*)\" not found");
    /** The authorizer's words: {@code User "x" cannot create resource "backends" in API group ...}. */
    private static final Pattern DENIED = Pattern.compile("cannot (\\S+) resource \"([^\"]+)\"");
    /** Verbs whose 404 cannot mean a missing Backend: nothing of that name was asked for. */
    private static final Set<String> COLLECTION_VERBS = Set.of("create", "list", "watch", "deletecollection");

    private ErrorMapper() {
    }

    static KgatewayException map(KubernetesClientException e, Call call) {
        int code = responseCode(e);
        Status status = e.getStatus();
        String reason = status == null || status.getReason() == null ? "" : status.getReason();
        String serverMessage = status == null || status.getMessage() == null ? "" : status.getMessage();
        String ns = call.namespace();
        String name = call.name();
        String suffix = serverMessage.isEmpty() ? "" : ": " + serverMessage;
        if (e instanceof KubernetesClientTimeoutException) {
            return new KgatewayApiException("timed out: " + call.describe(), 408, "Timeout", serverMessage, ns, name, e);
        }
        if (code == 0 && timedOut(e)) {
            return new KgatewayApiException("timed out waiting for the API server's answer (the client's request timeout): "
                    + call.describe(), 0, "Timeout", "", ns, name, e);
        }
        if (!call.aboutBackends()) {
            return generic(e, call, code, reason, serverMessage);
        }
        return switch (code) {
            case 404 -> notFound(e, call, serverMessage, status);
            case 409 -> conflict(e, call, reason, serverMessage);
            case 400 -> serverMessage.contains(STRICT_DECODING) ? unknownFields(e, call, reason, serverMessage)
                    : (KgatewayException) generic(e, call, code, reason, serverMessage);
            case 422 -> new BackendRejectedException("API server rejected Backend '" + name + "' in namespace '" + ns + "' (HTTP 422"
                    + (reason.isEmpty() ? "" : " " + reason) + ")" + suffix, violations(status), code, reason, serverMessage, ns, name, e);
            case 401 -> new KgatewayAuthorizationException("unauthorized: the credentials were refused for " + call.describe() + suffix,
                    401, call.verb(), call.resource(), serverMessage, ns, name, e);
            case 403 -> forbidden(e, call, serverMessage);
            default -> generic(e, call, code, reason, serverMessage);
        };
    }

    private static KgatewayApiException notFound(KubernetesClientException e, Call call, String serverMessage, Status status) {
        String ns = call.namespace();
        String name = call.name();
        Matcher namespace = MISSING_NAMESPACE.matcher(serverMessage);
        boolean namespaceMissing = namespace.find()
                || status != null && status.getDetails() != null && "namespaces".equals(status.getDetails().getKind());
        if (namespaceMissing) {
            return new KgatewayApiException("namespace '" + ns + "' does not exist: " + call.describe()
                    + "; create the namespace first", 404, "NotFound", serverMessage, ns, name, e);
        }
        // kube-apiserver's plain-text answer for a path nobody serves (the SDK's own GET and DELETE read the body)
        boolean plainNotServed = status != null && (status.getReason() == null || status.getReason().isEmpty())
                && serverMessage.startsWith(PLAIN_NOT_FOUND);
        if (plainNotServed || serverMessage.contains(NOT_SERVED) || COLLECTION_VERBS.contains(call.verb()) || call.apply()) {
            return notServed(e, call, serverMessage);
        }
        return new BackendNotFoundException("Backend '" + name + "' not found in namespace '" + ns + "'", serverMessage, ns, name, e);
    }

    /**
     * @return whether a 404's body (a JSON tree, or {@code null} when it was not JSON) says an object does not
     *         exist: a Status with reason {@code NotFound} that is not about the resource or the namespace.
     *         kube-apiserver answers a resource nobody serves with plain text, {@code 404 page not found}
     *         ({@link RawRequests} also takes an empty 404 body as "no such object", as mock servers send it).
     */
    static boolean objectNotFound(tools.jackson.databind.JsonNode body) {
        return body != null && "Status".equals(body.path("kind").asString(""))
                && "NotFound".equals(body.path("reason").asString("")) && !notServedOrNoNamespace(body);
    }

    /**
     * @return whether a 404 that fabric8 reported names the missing object: the server sent a Status
     *         with a reason. fabric8 makes up a Status without one when the body was no Status: the
     *         plain-text {@code 404 page not found} of a resource nobody serves, or an empty body.
     */
    static boolean serverNamedTheObject(KgatewayApiException notFound) {
        KubernetesClientException cause = cause(notFound, KubernetesClientException.class);
        Status status = cause == null ? null : cause.getStatus();
        return status != null && status.getReason() != null && !status.getReason().isEmpty();
    }

    /** @return whether a 404's Status (a JSON tree, or {@code null}) is about the resource or the namespace, not an object */
    static boolean notServedOrNoNamespace(tools.jackson.databind.JsonNode status) {
        if (status == null) {
            return false;
        }
        String message = status.path("message").asString("");
        return message.contains(NOT_SERVED) || MISSING_NAMESPACE.matcher(message).find()
                || "namespaces".equals(status.path("details").path("kind").asString(""));
    }

    /** The API server serves no Backends: a 404 for the resource, not for an object. */
    static KgatewayApiException notServed(KubernetesClientException e, Call call, String serverMessage) {
        return new KgatewayApiException("the resource " + Backend.CRD_NAME + " (" + Backend.API_VERSION + ") is not served by the"
                + " cluster, so " + call.describe() + " cannot work: its CustomResourceDefinition is not installed or not yet"
                + " Established. Install kgateway (its CRDs come with it), or for a test cluster call"
                + " KgatewayClient.installCrd(..)" + (serverMessage.isEmpty() ? "" : " (server: " + serverMessage + ")"),
                404, "NotFound", serverMessage, call.namespace(), call.name(), e);
    }

    /** 400 under {@code fieldValidation=Strict}: one violation per member the CRD does not declare (or that came twice). */
    private static KgatewayException unknownFields(KubernetesClientException e, Call call, String reason, String serverMessage) {
        List<Violation> violations = new ArrayList<>();
        Matcher unknown = UNKNOWN_FIELD.matcher(serverMessage);
        while (unknown.find()) {
            violations.add(new Violation(unknown.group(1), "FieldValueUnknown",
                    "the Backend CRD of the cluster does not declare this member (misspelt, or of another kgateway release)", null));
        }
        Matcher duplicate = DUPLICATE_FIELD.matcher(serverMessage);
        while (duplicate.find()) {
            violations.add(new Violation(duplicate.group(1), "FieldValueDuplicate", "the member is given twice", null));
        }
        return new BackendRejectedException("API server rejected Backend '" + call.name() + "' in namespace '" + call.namespace()
                + "' (HTTP 400" + (reason.isEmpty() ? "" : " " + reason) + ", fieldValidation=Strict): " + serverMessage
                + "; fix the member, or write with KgatewayClient.builder().fieldValidation(FieldValidation.WARN) to drop it",
                violations, 400, reason, serverMessage, call.namespace(), call.name(), e);
    }

    private static KgatewayApiException forbidden(KubernetesClientException e, Call call, String serverMessage) {
        String ns = call.namespace();
        String name = call.name();
        String suffix = serverMessage.isEmpty() ? "" : ": " + serverMessage;
        if (causeReason(e, "NamespaceTerminating") || serverMessage.contains("because it is being terminated")) {
            return new KgatewayApiException("namespace '" + ns + "' is being deleted, and the API server accepts no new objects in it: "
                    + call.describe() + suffix, 403, "Forbidden", serverMessage, ns, name, e);
        }
        String verb = call.verb();
        String resource = call.resource();
        Matcher denied = DENIED.matcher(serverMessage);
        if (denied.find()) {
            verb = denied.group(1);
            String deniedResource = denied.group(2);
            // the authorizer names "backends" or "backends/status"; keep the call's group-qualified form
            int slash = deniedResource.indexOf('/');
            resource = slash < 0 ? Backend.CRD_NAME : Backend.CRD_NAME + deniedResource.substring(slash);
        }
        String hint = call.apply() && "create".equals(verb)
                ? "; a server-side apply that creates the Backend needs verb 'create' as well as 'patch'" : "";
        return new KgatewayAuthorizationException("forbidden: cannot " + verb + " " + resource + (name.isEmpty() ? "" : " '" + name + "'")
                + " " + call.where() + "; grant verb '" + verb + "' on resource '" + resource + "'" + hint + suffix,
                403, verb, resource, serverMessage, ns, name, e);
    }

    /** @return whether the server's Status lists a cause with {@code reason}, such as {@code NamespaceTerminating} */
    static boolean causeReason(KubernetesClientException e, String reason) {
        Status status = e.getStatus();
        return status != null && status.getDetails() != null && status.getDetails().getCauses() != null
                && status.getDetails().getCauses().stream().anyMatch(c -> reason.equals(c.getReason()));
    }

    private static KgatewayApiException conflict(KubernetesClientException e, Call call, String reason, String serverMessage) {
        String ns = call.namespace();
        String name = call.name();
        String suffix = serverMessage.isEmpty() ? "" : ": " + serverMessage;
        // a create carries no resourceVersion, so its 409 can only mean the name is taken,
        // whatever the reason field says (fabric8's mock server sends "Invalid")
        if ("AlreadyExists".equals(reason) || "create".equals(call.verb())) {
            return new BackendAlreadyExistsException("Backend '" + name + "' already exists in namespace '" + ns + "'", serverMessage, ns, name, e);
        }
        if (call.apply()) {
            return new BackendConflictException("server-side apply of Backend '" + name + "' in namespace '" + ns
                    + "' sets fields another field manager owns; apply with ApplyOptions.withForce(true) to take them over,"
                    + " or as that manager" + suffix, serverMessage, ns, name, e);
        }
        return new BackendConflictException("Backend '" + name + "' in namespace '" + ns + "' was changed by someone else"
                + " (stale resourceVersion or a failed precondition); read it again and retry" + suffix, serverMessage, ns, name, e);
    }

    private static KgatewayApiException generic(KubernetesClientException e, Call call, int code, String reason, String serverMessage) {
        String message;
        JacksonException unreadable = cause(e, JacksonException.class);
        if (unreadable != null) {
            message = "the API server's answer could not be read as " + (call.aboutBackends() ? "Backends" : "the expected object") + ": "
                    + call.describe() + ": " + describe(unreadable);
        } else if (noAnswer(e)) {
            message = (tlsRefused(e) ? "the API server's TLS certificate or name was refused: " : "no answer from the API server: ")
                    + call.describe();
        } else {
            message = "HTTP " + code + (reason.isEmpty() ? "" : " " + reason) + ": " + call.describe()
                    + (serverMessage.isEmpty() ? "" : ": " + serverMessage);
        }
        return new KgatewayApiException(message, code, reason, serverMessage, call.namespace(), call.name(), e);
    }

    /** A read error with the JSON path it happened at ({@code at metadata.labels.tier}), and its root cause. */
    static String describe(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root == e ? e.getOriginalMessage() : root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage());
        return (path.length() == 0 ? "" : "at " + path + ": ") + what;
    }

    /**
     * The HTTP status, or 0 when there was none: fabric8 reports a request that got no response
     * (connection refused or lost) and an unreadable response body with code -1.
     */
    static int responseCode(KubernetesClientException e) {
        return Math.max(e.getCode(), 0);
    }

    /** The server's field causes as violations: {@code spec.static.hosts[0].port}, rule {@code FieldValueInvalid}. */
    private static List<Violation> violations(Status status) {
        List<Violation> out = new ArrayList<>();
        if (status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                out.add(new Violation(cause.getField() == null ? "" : cause.getField(),
                        cause.getReason() == null ? "server" : cause.getReason(),
                        cause.getMessage() == null ? "" : cause.getMessage(), null));
            }
        }
        return out;
    }

    /**
     * The request got no HTTP answer: refused, reset or closed connection. fabric8 8 reports these
     * with code -1 (0 in some paths) and the I/O error as a cause; the SDK reports code 0.
     */
    static boolean noAnswer(KubernetesClientException e) {
        return e.getCode() <= 0 && (causedBy(e, IOException.class) || timedOut(e));
    }

    /**
     * The client gave up waiting for the answer (its request timeout): fabric8's Vert.x client reports
     * that as a {@code TimeoutException}-like failure that is no {@link IOException}, the JDK client as
     * an {@link java.net.http.HttpTimeoutException}. The request may still be handled by the server.
     */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.net.http.HttpTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The TLS handshake failed on the certificate or host name: repeating the request cannot help. */
    static boolean tlsRefused(Throwable e) {
        if (causedBy(e, SSLPeerUnverifiedException.class) || causedBy(e, CertificateException.class)) {
            return true;
        }
        // a handshake cut short (a server restarting, a reset) is no refusal: only a certificate or name is
        SSLHandshakeException handshake = cause(e, SSLHandshakeException.class);
        String why = handshake == null || handshake.getMessage() == null ? "" : handshake.getMessage().toLowerCase(java.util.Locale.ROOT);
        return handshake != null && (why.contains("certificat") || why.contains("pkix") || why.contains("subject alternative"));
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
