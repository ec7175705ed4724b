package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.List;

/**
 * An error answer, thrown out of a handler (the dispatcher answers it as it is), with the
 * kube-apiserver-worded answers the verbs share: not found, conflict, invalid.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient MockResponse response;

    ApiError(MockResponse response) {
        super(null, null, false, false);
        this.response = response;
    }

    MockResponse response() {
        return response;
    }

    static ApiError notFound(Target t) {
        return new ApiError(Status.notFound(t.type().plural(), t.type().group(), t.name()));
    }

    static ApiError conflict(Target t, String why) {
        return new ApiError(Status.response(409, "Conflict", "Operation cannot be fulfilled on "
                + Status.qualified(t.type().plural(), t.type().group()) + " \"" + t.name() + "\": " + why,
                Status.details(t.name(), t.type().group(), t.type().plural(), null)));
    }

    static ApiError invalid(Target t, String name, List<FieldCause> causes) {
        String listed = causes.size() == 1 ? causes.get(0).toString()
                : "[" + String.join(", ", causes.stream().map(FieldCause::toString).toList()) + "]";
        List<Status.Cause> details = causes.stream().map(c -> new Status.Cause(c.reason(), c.message(), c.field())).toList();
        return new ApiError(Status.response(422, "Invalid", t.type().qualifiedKind() + " \"" + name + "\" is invalid: " + listed,
                Status.details(name, t.type().group(), t.type().kind(), details)));
    }
}
