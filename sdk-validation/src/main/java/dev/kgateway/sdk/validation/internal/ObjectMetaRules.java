package dev.kgateway.sdk.validation.internal;

import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.ViolationTypes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What kube-apiserver checks in the {@code metadata} of a namespaced custom resource before its CRD's
 * schema ({@code ValidateObjectMeta}, apimachinery's {@code validation} package): name or
 * generateName, the name a DNS-1123 subdomain, the namespace a DNS-1123 label, label and annotation
 * keys qualified names, label values, the annotations' total size. Messages are the server's (the words of
 * apimachinery v0.37, kube-apiserver 1.37: label keys and values are checked by its {@code content} package,
 * which counts {@code bytes}; names by {@code util/validation}, which says {@code characters}), one per rule.
 * Lengths are in bytes of UTF-8, as Go's {@code len}.
 */
public final class ObjectMetaRules {

    static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
    static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";
    private static final Pattern LABEL = Pattern.compile(DNS1123_LABEL);
    private static final Pattern SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN);
    private static final Pattern NAME_PART = Pattern.compile(QUALIFIED_NAME);
    private static final Pattern VALUE = Pattern.compile(LABEL_VALUE);
    private static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;

    /** kube-apiserver's words for a DNS-1123 subdomain (also used by the client for names it refuses). */
    public static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
            + " '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"
            + DNS1123_SUBDOMAIN + "')";
    static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
            + " and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '"
            + DNS1123_LABEL + "')";

    private ObjectMetaRules() {
    }

    /** Adds a violation to {@code out} for each metadata rule {@code document}'s metadata breaks. */
    public static void check(JsonNode document, List<Violation> out) {
        if (!document.isObject()) {
            return; // a type error at the root already
        }
        JsonNode meta = document.path("metadata");
        FieldPath path = FieldPath.ROOT.child("metadata");
        String name = text(meta.get("name"));
        String generateName = text(meta.get("generateName"));
        if (name == null || name.isEmpty()) {
            if (generateName == null || generateName.isEmpty()) {
                out.add(KubeErrors.required(path.child("name"), "name or generateName is required"));
            }
        } else {
            subdomain(path.child("name"), name, out);
        }
        if (generateName != null && !generateName.isEmpty() && (name == null || name.isEmpty())) {
            // the server checks the prefix as a name, with a trailing '-' allowed
            String prefix = generateName.endsWith("-") ? generateName.substring(0, generateName.length() - 1) : generateName;
            if (!prefix.isEmpty()) {
                subdomain(path.child("generateName"), generateName, prefix, out);
            }
        }
        String namespace = text(meta.get("namespace"));
        if (namespace != null && !namespace.isEmpty()) {
            if (bytes(namespace) > 63) {
                out.add(KubeErrors.invalid(path.child("namespace"), namespace, "must be no more than 63 characters"));
            }
            if (!LABEL.matcher(namespace).matches()) {
                out.add(KubeErrors.invalid(path.child("namespace"), namespace, LABEL_MESSAGE));
            }
        }
        JsonNode labels = meta.path("labels");
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            qualifiedName(path.child("labels"), e.getKey(), out);
            String value = text(e.getValue());
            if (value != null) {
                FieldPath at = path.child("labels");
                if (bytes(value) > 63) {
                    out.add(KubeErrors.invalid(at, value, "must be no more than 63 bytes"));
                }
                if (!VALUE.matcher(value).matches()) {
                    out.add(KubeErrors.invalid(at, value, "a valid label must be an empty string or consist of alphanumeric characters,"
                            + " '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',"
                            + "  or '12345', regex used for validation is '" + LABEL_VALUE + "')"));
                }
            }
        }
        long size = 0;
        for (Map.Entry<String, JsonNode> e : meta.path("annotations").properties()) {
            qualifiedName(path.child("annotations"), e.getKey().toLowerCase(java.util.Locale.ROOT), out);
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            String value = text(e.getValue());
            size += value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > TOTAL_ANNOTATION_SIZE) {
            out.add(new Violation(path.child("annotations").toString(), ViolationTypes.TOO_LONG,
                    "Too long: may not be more than " + TOTAL_ANNOTATION_SIZE + " bytes", null));
        }
    }

    private static void subdomain(FieldPath at, String name, List<Violation> out) {
        subdomain(at, name, name, out);
    }

    private static void subdomain(FieldPath at, String shown, String name, List<Violation> out) {
        if (bytes(name) > 253) {
            out.add(KubeErrors.invalid(at, shown, "must be no more than 253 characters"));
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
            out.add(KubeErrors.invalid(at, shown, SUBDOMAIN_MESSAGE));
        }
    }

    /** A label or annotation key: {@code [prefix/]name}, as apimachinery's {@code content.IsLabelKey}. */
    private static void qualifiedName(FieldPath at, String key, List<Violation> out) {
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                out.add(KubeErrors.invalid(at, key, "prefix part must be non-empty"));
            } else {
                if (bytes(prefix) > 253) {
                    out.add(KubeErrors.invalid(at, key, "prefix part must be no more than 253 bytes"));
                }
                if (!SUBDOMAIN.matcher(prefix).matches()) {
                    out.add(KubeErrors.invalid(at, key, "prefix part " + SUBDOMAIN_MESSAGE));
                }
            }
        } else {
            out.add(KubeErrors.invalid(at, key, "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must"
                    + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                    + " validation is '" + QUALIFIED_NAME + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
            return;
        }
        if (name.isEmpty()) {
            out.add(KubeErrors.invalid(at, key, "name part must be non-empty"));
        } else {
            if (bytes(name) > 63) {
                out.add(KubeErrors.invalid(at, key, "name part must be no more than 63 bytes"));
            }
            if (!NAME_PART.matcher(name).matches()) {
                out.add(KubeErrors.invalid(at, key, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start"
                        + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
                        + " validation is '" + QUALIFIED_NAME + "')"));
            }
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }
}
