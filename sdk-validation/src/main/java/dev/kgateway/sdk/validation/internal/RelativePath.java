package dev.kgateway.sdk.validation.internal;

import java.util.List;

/**
 * A rule's {@code fieldPath} ({@code .spec.hosts}, {@code ['a.b'].c}), resolved against the schema
 * at compile time: each step is a property name or a map key.
 *
 * @param steps the steps, in order
 */
public record RelativePath(List<Step> steps) {

    /**
     * @param name  the member name or key
     * @param isKey a key of a map ({@code additionalProperties}), printed as {@code [k]}
     */
    public record Step(String name, boolean isKey) {
    }

    /** @return {@code base} followed by every step */
    public FieldPath appendTo(FieldPath base) {
        FieldPath p = base;
        for (Step s : steps) {
            p = s.isKey() ? p.key(s.name()) : p.child(s.name());
        }
        return p;
    }
}
