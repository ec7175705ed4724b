package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendAlreadyExistsException;
import dev.kgateway.sdk.client.BackendConflictException;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.model.InvalidBackendException;
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

/** The one place where fabric8 and HTTP failures become the SDK's exceptions. */
final class ErrorMapper {

    private ErrorMapper() {
    }

    static KgatewayException map(KubernetesClientException e, Call call) {
        int code = e.getCode();
        Status status = e.getStatus();
        String reason = status == null || status.getReason() == null ? "" : status.getReason();
        String serverMessage = status == null || status.getMessage() == null ? "" : status.getMessage();
        String ns = call.namespace();
        String name = call.name();
        String suffix = serverMessage.isEmpty() ? "" : ": " + serverMessage;
        if (e instanceof KubernetesClientTimeoutException) {
            return new KgatewayApiException("timed out: " + call.describe(), 408, "Timeout", serverMessage, ns, name, e);
        }
        return switch (code) {
            case 404 -> new BackendNotFoundException("Backend '" + name + "' not found in namespace '" + ns + "'", serverMessage, ns, name, e);
            // a create sends no resourceVersion: its 409 always means the name is taken, whatever the reason says
            case 409 -> "AlreadyExists".equals(reason) || "create".equals(call.verb())
                    ? new BackendAlreadyExistsException("Backend '" + name + "' already exists in namespace '" + ns + "'", serverMessage, ns, name, e)
                    : new BackendConflictException("Backend '" + name + "' in namespace '" + ns + "' was changed by someone else"
                            + " (stale resourceVersion); read it again and retry" + suffix, serverMessage, ns, name, e);
            case 422 -> new InvalidBackendException("API server rejected Backend '" + name + "' in namespace '" + ns + "'" + suffix,
                    violations(status));
            case 401 -> new KgatewayAuthorizationException("unauthorized: the credentials were refused for " + call.describe() + suffix,
                    401, call.verb(), call.resource(), serverMessage, ns, name, e);
            case 403 -> new KgatewayAuthorizationException("forbidden: cannot " + call.describe()
                    + "; grant verb '" + call.verb() + "' on resource '" + call.resource() + "'" + suffix,
                    403, call.verb(), call.resource(), serverMessage, ns, name, e);
            default -> generic(e, call, code, reason, serverMessage);
        };
    }

    private static KgatewayApiException generic(KubernetesClientException e, Call call, int code, String reason, String serverMessage) {
        String message;
        if (causedBy(e, JacksonException.class)) {
            message = "the API server's answer could not be read as Backends: " + call.describe();
        } else if (noAnswer(e)) {
            code = 0;
            message = (tlsRefused(e) ? "the API server's TLS certificate or name was refused: " : "no answer from the API server: ")
                    + call.describe();
        } else {
            message = "HTTP " + code + (reason.isEmpty() ? "" : " " + reason) + ": " + call.describe()
                    + (serverMessage.isEmpty() ? "" : ": " + serverMessage);
        }
        return new KgatewayApiException(message, code, reason, serverMessage, call.namespace(), call.name(), e);
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
        return e.getCode() <= 0 && causedBy(e, IOException.class);
    }

    /** The TLS handshake failed on the certificate or host name: repeating the request cannot help. */
    static boolean tlsRefused(Throwable e) {
        return causedBy(e, SSLHandshakeException.class) || causedBy(e, SSLPeerUnverifiedException.class)
                || causedBy(e, CertificateException.class);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
