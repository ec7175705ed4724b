package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationContext;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A caller's transform of each Backend a read decodes (before an informer caches it or a list or
 * watch hands it out), carried to the deserializers as a Jackson attribute of the serialization
 * that reads for those options. A transform that throws leaves the Backend as decoded (logged with
 * the exception's class only, never the Backend): one bad object must not stop a cache.
 */
record ReadTransform(UnaryOperator<Backend> transform) {

    private static final Logger LOG = LoggerFactory.getLogger(ReadTransform.class);

    ReadTransform {
        Objects.requireNonNull(transform, "transform");
    }

    /** @return {@code backend} through the transform the reading context carries, if any */
    static Backend apply(DeserializationContext ctxt, Backend backend) {
        return ctxt.getAttribute(ReadTransform.class) instanceof ReadTransform t ? t.apply(backend) : backend;
    }

    Backend apply(Backend backend) {
        try {
            Backend out = transform.apply(backend);
            if (out != null) {
                return out;
            }
            LOG.warn("the read transform returned null; the Backend is kept as read");
        } catch (RuntimeException e) {
            LOG.warn("the read transform threw {}; the Backend is kept as read", e.getClass().getName());
        }
        return backend;
    }
}
