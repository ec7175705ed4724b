package dev.kgateway.sdk.validation.internal;

import javax.annotation.Nullable;

/**
 * A field path as kube-apiserver prints it ({@code spec.static.hosts[0].port}, map keys as
 * {@code labels[app]}): a linked list built while walking a document, printed only when a violation
 * needs it.
 */
public final class FieldPath {

    /** The document root: prints as the empty string. */
    public static final FieldPath ROOT = new FieldPath(null, null, -1, false);

    @Nullable
    private final FieldPath parent;
    @Nullable
    private final String name;
    private final int index;
    private final boolean key;

    private FieldPath(@Nullable FieldPath parent, @Nullable String name, int index, boolean key) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.key = key;
    }

    /** @return this path followed by member {@code child}: {@code spec.aws} */
    public FieldPath child(String child) {
        return new FieldPath(this, child, -1, false);
    }

    /** @return this path followed by an array index: {@code hosts[0]} */
    public FieldPath index(int i) {
        return new FieldPath(this, null, i, false);
    }

    /** @return this path followed by a map key: {@code labels[app]} */
    public FieldPath key(String k) {
        return new FieldPath(this, k, -1, true);
    }

    /** @return whether this is the root */
    public boolean isRoot() {
        return parent == null;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out);
        return out.toString();
    }

    private void append(StringBuilder out) {
        if (parent == null) {
            return;
        }
        parent.append(out);
        if (key) {
            out.append('[').append(name).append(']');
        } else if (name == null) {
            out.append('[').append(index).append(']');
        } else {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(name);
        }
    }
}
