package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks writes and deletes make before they change anything, answered as kube-apiserver
 * answers them: the object exists, a new name is valid, the object's namespace is the request's and
 * exists, the resourceVersion sent is the stored one. Called under the storage lock.
 */
final class Checks {

    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Checks() {
    }

    /** @return the stored object the request is on; 404 when there is none */
    static ObjectNode existing(Storage storage, Target t) {
        ObjectNode old = storage.get(t.type(), t.namespace(), t.name());
        if (old == null) {
            throw ApiError.notFound(t);
        }
        return old;
    }

    /** kube-apiserver's check of a new object's name: a DNS-1123 subdomain (a label for namespaces), in its words. */
    static void checkName(Target t, String name) {
        List<String> problems = new ArrayList<>();
        boolean label = t.type() == ResourceType.NAMESPACES;
        if (name.length() > (label ? 63 : 253)) {
            problems.add("must be no more than " + (label ? 63 : 253) + " characters");
        }
        if (label ? !name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") : !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            problems.add(label
                    ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with"
                            + " an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end"
                            + " with an alphanumeric character (e.g. 'example.com', regex used for validation is"
                            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(t, name, List.of(new FieldCause("metadata.name", FieldCause.INVALID,
                    "Invalid value: \"" + name + "\": " + String.join(", ", problems))));
        }
    }

    static void checkNamespace(Storage storage, Target t, ObjectNode object) {
        String ns = Json.meta(object, "namespace");
        if (t.namespace() != null && ns != null && !ns.isEmpty() && !ns.equals(t.namespace())) {
            throw new ApiError(Status.badRequest("the namespace of the provided object does not match the namespace sent on the request"));
        }
        if (t.namespace() != null && storage.get(ResourceType.NAMESPACES, null, t.namespace()) == null) {
            throw new ApiError(Status.notFound("namespaces", "", t.namespace()));
        }
    }

    /** @param rv the resourceVersion the client sent; none (null or empty) means unconditional */
    static void checkResourceVersion(Target t, ObjectNode old, String rv) {
        if (rv != null && !rv.isEmpty() && !rv.equals(Json.meta(old, "resourceVersion"))) {
            throw ApiError.conflict(t, "the object has been modified; please apply your changes to the latest version and try again");
        }
    }
}
