package dev.kgateway.sdk.embeddedapiserver.internal;

import dev.kgateway.sdk.embeddedapiserver.FieldCause;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks kube-apiserver makes of a list's or watch's {@code resourceVersion},
 * {@code resourceVersionMatch}, {@code continue} and {@code sendInitialEvents} before it reads
 * (apimachinery's {@code ValidateListOptions}, the WatchList feature on): a 422 {@code Invalid} of
 * {@code ListOptions.meta.k8s.io}, one cause per problem.
 */
final class ListOptions {

    static final String EXACT = "Exact";
    static final String NOT_OLDER_THAN = "NotOlderThan";

    private ListOptions() {
    }

    /** @throws ApiError 422 when the options are inconsistent */
    static void check(RecordedCall call) {
        String match = value(call, "resourceVersionMatch");
        String rv = value(call, "resourceVersion");
        String cont = value(call, "continue");
        String initial = call.queryParameter("sendInitialEvents");
        List<Status.Cause> errors = new ArrayList<>();
        if (call.isWatch()) {
            if (initial != null) {
                if (!NOT_OLDER_THAN.equals(match)) {
                    errors.add(forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
                }
            }
            if (!match.isEmpty()) {
                if (initial == null) {
                    errors.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
                }
                if (!NOT_OLDER_THAN.equals(match)) {
                    errors.add(new Status.Cause(FieldCause.NOT_SUPPORTED, "Unsupported value: \"" + match + "\": supported values: \"NotOlderThan\"",
                            "resourceVersionMatch"));
                }
                if (!cont.isEmpty()) {
                    errors.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
                }
            }
        } else {
            if (!match.isEmpty()) {
                if (rv.isEmpty()) {
                    errors.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
                }
                if (!cont.isEmpty()) {
                    errors.add(forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
                }
                if (!EXACT.equals(match) && !NOT_OLDER_THAN.equals(match)) {
                    errors.add(new Status.Cause(FieldCause.NOT_SUPPORTED, "Unsupported value: \"" + match
                            + "\": supported values: \"Exact\", \"NotOlderThan\", \"\"", "resourceVersionMatch"));
                }
                if (EXACT.equals(match) && rv.equals("0")) {
                    errors.add(forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
                }
            }
            if (initial != null) {
                errors.add(forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
            }
        }
        if (!errors.isEmpty()) {
            List<String> listed = errors.stream().map(c -> c.field() + ": " + c.message()).toList();
            String message = "ListOptions.meta.k8s.io \"\" is invalid: "
                    + (listed.size() == 1 ? listed.get(0) : "[" + String.join(", ", listed) + "]");
            throw new ApiError(Status.response(422, "Invalid", message, Status.details(null, "meta.k8s.io", "ListOptions", errors)));
        }
    }

    private static Status.Cause forbidden(String field, String detail) {
        return new Status.Cause("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    static String value(RecordedCall call, String name) {
        String v = call.queryParameter(name);
        return v == null ? "" : v;
    }
}
