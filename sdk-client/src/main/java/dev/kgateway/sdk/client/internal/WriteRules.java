package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.Violation;

import java.util.List;

/** The schema a write is checked against: the SDK's own, or a Backend CRD. */
public interface WriteRules {

    /** The SDK's own schema: {@code Backend.validate()}. */
    WriteRules SDK_SCHEMA = new WriteRules() {
        @Override
        public List<Violation> validate(Backend backend) {
            return backend.validate();
        }

        @Override
        public List<Violation> validateUpdate(Backend updated, Backend old) {
            return updated.validate();
        }

        @Override
        public String toString() {
            return "the SDK's schema";
        }
    };

    /** @return what is wrong with {@code backend} as a new object */
    List<Violation> validate(Backend backend);

    /** @return what is wrong with {@code updated} replacing {@code old} (transition rules, ratcheting where supported) */
    List<Violation> validateUpdate(Backend updated, Backend old);
}
