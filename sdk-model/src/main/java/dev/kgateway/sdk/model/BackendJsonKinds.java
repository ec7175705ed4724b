package dev.kgateway.sdk.model;

import tools.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.annotation.Nullable;

/**
 * Tells what a document of a YAML stream is, from its {@code apiVersion} and {@code kind}: a kgateway
 * Backend, a {@code List} (or {@code BackendList}) of items, or something else, with the reason.
 *
 * <p>A document without {@code kind} and {@code apiVersion} counts as a Backend (the readers are
 * tolerant of partial documents). A Backend is of group {@value Backend#GROUP} at one of
 * {@link #API_VERSIONS}: another project's {@code Backend} (Envoy Gateway's
 * {@code gateway.envoyproxy.io/v1alpha1}) is not one.
 */
final class BackendJsonKinds {

    /** The apiVersions this SDK reads. */
    static final Set<String> API_VERSIONS = Set.of(Backend.API_VERSION);

    /** Kubernetes kinds are CamelCase names ("Secret", "HTTPRoute"); anything else is not quoted. */
    private static final Pattern KIND_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");
    /** {@code v1}, {@code apps/v1}, {@code gateway.kgateway.dev/v1alpha1}. */
    private static final Pattern API_VERSION = Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?v[0-9]{1,4}((alpha|beta)[0-9]{1,4})?");
    /** Object names of every kind (RBAC names may hold a colon). */
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.:]{0,251}[A-Za-z0-9])?");

    private BackendJsonKinds() {
    }

    /** What a document (or a List item) is. */
    enum Shape { BACKEND, LIST, OTHER }

    /**
     * @param shape  what it is
     * @param reason for {@link Shape#OTHER}, why it is not a Backend (without quoting content); else {@code null}
     * @param path   for {@link Shape#OTHER}, the member that says so ({@code kind}, {@code apiVersion}, {@code items}); else {@code ""}
     */
    record Verdict(Shape shape, @Nullable String reason, String path) {
    }

    private static final Verdict BACKEND = new Verdict(Shape.BACKEND, null, "");
    private static final Verdict LIST = new Verdict(Shape.LIST, null, "");

    /**
     * @param tree   a document, or an item of a List
     * @param inList whether {@code tree} is an item of a List (a List inside one is not read)
     */
    static Verdict classify(JsonNode tree, boolean inList) {
        if (!tree.isObject()) {
            return other("is not an object", "");
        }
        String kind = text(tree.get("kind"));
        String apiVersion = text(tree.get("apiVersion"));
        boolean hasKind = present(tree.get("kind"));
        boolean hasApiVersion = present(tree.get("apiVersion"));
        if (!inList && ("List".equals(kind) && (!hasApiVersion || "v1".equals(apiVersion))
                || (Backend.KIND + "List").equals(kind) && known(apiVersion))) {
            JsonNode items = tree.get("items");
            return items == null || items.isNull() || items.isArray() ? LIST : other("is a " + kind + " whose items is not an array", "items");
        }
        if (hasKind && !Backend.KIND.equals(kind)) {
            return other("has " + describeKind(kind) + ", expected " + Backend.KIND, "kind");
        }
        if (hasApiVersion && !known(apiVersion)) {
            if (apiVersion != null && apiVersion.startsWith(Backend.GROUP + "/")) {
                return other("has " + describeApiVersion(apiVersion) + ", a version this SDK does not read (it reads "
                        + String.join(", ", API_VERSIONS) + ")", "apiVersion");
            }
            return other("has " + describeApiVersion(apiVersion) + ", not a kgateway Backend (expected " + Backend.API_VERSION + ")", "apiVersion");
        }
        return BACKEND;
    }

    /** {@code Set.of(..).contains(null)} throws: an apiVersion that is no string is simply unknown. */
    private static boolean known(@Nullable String apiVersion) {
        return apiVersion != null && API_VERSIONS.contains(apiVersion);
    }

    private static Verdict other(String reason, String path) {
        return new Verdict(Shape.OTHER, reason, path);
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** The string value, or {@code null} when absent or not a string. */
    @Nullable
    private static String text(@Nullable JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    /**
     * Names the kind only when it looks like one: a document's kind is content too, and a value
     * that is no kind name (a pasted token, say) must not reach the message.
     */
    private static String describeKind(@Nullable String kind) {
        String shown = kindName(kind);
        return shown == null ? "a kind that is not a Kubernetes kind name" : "kind " + shown;
    }

    private static String describeApiVersion(@Nullable String apiVersion) {
        String shown = apiVersionName(apiVersion);
        return shown == null ? "an apiVersion that is not a Kubernetes API version" : "apiVersion " + shown;
    }

    /** The kind when it is shaped like a Kubernetes kind (CamelCase, not all capitals), else {@code null}. */
    @Nullable
    static String kindName(@Nullable String kind) {
        return kind != null && KIND_NAME.matcher(kind).matches() && !kind.equals(kind.toUpperCase(Locale.ROOT)) ? kind : null;
    }

    /** The apiVersion when it is shaped like one ({@code group/version} or {@code v1}), else {@code null}. */
    @Nullable
    static String apiVersionName(@Nullable String apiVersion) {
        return apiVersion != null && API_VERSION.matcher(apiVersion).matches() ? apiVersion : null;
    }

    /** A skipped document's report: its kind, apiVersion and name when shaped like such. */
    static SkippedDocument skipped(int document, @Nullable Integer item, JsonNode tree, String reason) {
        String name = text(tree.path("metadata").get("name"));
        return new SkippedDocument(document, item, apiVersionName(text(tree.get("apiVersion"))), kindName(text(tree.get("kind"))),
                name != null && OBJECT_NAME.matcher(name).matches() ? name : null, reason);
    }
}
