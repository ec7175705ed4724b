package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.KgatewayApiException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How watches, informers and waits judge a failed list or watch: retry it (with backoff, until
 * closed, as client-go's reflector does) unless the answer proves that repeating cannot help.
 */
final class WatchFailures {

    /**
     * Answers that repeating the same request cannot change: bad request, credentials refused,
     * forbidden, not found (no such namespace, or the CRD is not installed), method not allowed,
     * not acceptable, unsupported media type, invalid, not implemented.
     */
    private static final Set<Integer> TERMINAL_CODES = Set.of(400, 401, 403, 404, 405, 406, 415, 422, 501);

    private WatchFailures() {
    }

    /** @return whether a list or watch that failed with {@code failure} must not be repeated */
    static boolean terminal(Throwable failure) {
        KubernetesClientException e = clientException(failure);
        if (e == null) {
            return false;
        }
        return TERMINAL_CODES.contains(ErrorMapper.responseCode(e)) || ErrorMapper.tlsRefused(e);
    }

    /** @return whether the SDK's own exception says repeating cannot help */
    static boolean terminal(KgatewayException failure) {
        if (failure instanceof KgatewayApiException api) {
            return TERMINAL_CODES.contains(api.details().code()) || api.details().code() == 0 && ErrorMapper.tlsRefused(failure);
        }
        // the server's 422 (InvalidBackendException); any other SDK failure was not an answer of the server
        return failure instanceof dev.kgateway.sdk.model.InvalidBackendException;
    }

    /** @return {@code failure} as the SDK's exception for {@code call} */
    static KgatewayException map(Throwable failure, Call call) {
        if (failure instanceof KgatewayException own) {
            return own;
        }
        KubernetesClientException e = clientException(failure);
        if (e != null) {
            return ErrorMapper.map(e, call);
        }
        return new KgatewayApiException(call.describe() + " failed: " + failure.getClass().getName(), 0, "", "",
                call.namespace(), call.name(), failure);
    }

    /** The fabric8 exception inside futures' wrappers and a watch's close cause, or {@code null}. */
    static KubernetesClientException clientException(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException || t instanceof ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof WatcherException w) {
            return w.asClientException();
        }
        return t instanceof KubernetesClientException k ? k : null;
    }
}
