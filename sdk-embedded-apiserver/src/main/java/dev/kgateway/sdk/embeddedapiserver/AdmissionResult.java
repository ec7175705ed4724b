package dev.kgateway.sdk.embeddedapiserver;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link Admission} decided: the object to store, or the causes of a denial.
 *
 * @param object the object to store when allowed, {@code null} when denied
 * @param causes why the write is denied; empty when allowed
 */
public record AdmissionResult(ObjectNode object, List<FieldCause> causes) {

    /** Checks that a result either allows with an object or denies with causes. */
    public AdmissionResult {
        causes = List.copyOf(causes);
        if ((object == null) == causes.isEmpty()) {
            throw new IllegalArgumentException("an admission result allows with an object or denies with causes");
        }
    }

    /** @return a result storing {@code object} */
    public static AdmissionResult allow(ObjectNode object) {
        return new AdmissionResult(Objects.requireNonNull(object, "object"), List.of());
    }

    /** @return a result denying the write for {@code causes} */
    public static AdmissionResult deny(List<FieldCause> causes) {
        return new AdmissionResult(null, causes);
    }

    /** @return a result denying the write for {@code causes} */
    public static AdmissionResult deny(FieldCause... causes) {
        return deny(List.of(causes));
    }

    /** @return whether the write may be stored */
    public boolean allowed() {
        return object != null;
    }
}
