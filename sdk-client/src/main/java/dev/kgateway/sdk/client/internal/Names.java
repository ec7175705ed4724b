package dev.kgateway.sdk.client.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks names and namespaces before they become URL path segments: a Backend's name must be a
 * DNS-1123 subdomain and a namespace a DNS-1123 label, as the API server requires. Anything else
 * ({@code "a?b=c"}, {@code "../../api/v1/namespaces/x"}, {@code "Bad NS"}) is refused before any
 * request, so user input can never reach another API path.
 */
final class Names {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    private Names() {
    }

    /** @return {@code name}, when it is a valid Backend name (DNS-1123 subdomain, at most 253 characters) */
    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
            // the model's words for the rule (Backend.validate() and the release validators say the same)
            throw new IllegalArgumentException("invalid Backend name '" + printable(name) + "': a name must be a DNS-1123 subdomain:"
                    + " lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters"
                    + " (so it can be no path or query of another request)");
        }
        return name;
    }

    /** @return {@code namespace}, when it is a valid namespace (DNS-1123 label, at most 63 characters) */
    static String requireNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.length() > 63 || !DNS1123_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("invalid namespace '" + printable(namespace) + "': a namespace must be a DNS-1123 label:"
                    + " lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
        }
        return namespace;
    }

    /** The value with control characters escaped and cut at 100 characters, for messages. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 100 ? out + "..." : out.toString();
    }
}
