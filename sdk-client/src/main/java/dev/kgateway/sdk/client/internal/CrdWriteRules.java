package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.CrdValidator;
import dev.kgateway.sdk.validation.KgatewayRelease;

import java.util.List;
import java.util.Objects;

/**
 * Checks writes against one Backend CRD (kube-apiserver's pruning, defaults, structural schema and
 * CEL rules). Loaded only when {@code CrdValidation.release(..)} or {@code cluster()} is chosen:
 * kgateway-sdk-validation is an optional dependency.
 */
public final class CrdWriteRules implements WriteRules {

    private final CrdValidator validator;
    private final String description;

    CrdWriteRules(CrdValidator validator, String description) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.description = description;
    }

    /** @param release a {@link KgatewayRelease} */
    public static WriteRules forRelease(Object release) {
        KgatewayRelease r = (KgatewayRelease) release;
        return new CrdWriteRules(r.validator(), "the Backend CRD of kgateway " + r);
    }

    @Override
    public List<Violation> validate(Backend backend) {
        return validator.validate(backend);
    }

    @Override
    public List<Violation> validateUpdate(Backend updated, Backend old) {
        return validator.validateUpdate(updated, old);
    }

    @Override
    public String toString() {
        return description;
    }
}
