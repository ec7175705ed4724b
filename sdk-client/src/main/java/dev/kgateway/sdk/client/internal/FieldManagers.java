package dev.kgateway.sdk.client.internal;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The field manager a client writes as: the name kube-apiserver records in {@code managedFields} as
 * the owner of what a write set. One default for every application would make two applications
 * applying different fields remove each other's, so the default is the application's own name.
 */
public final class FieldManagers {

    /** System property naming the field manager of every client that is not given one. */
    public static final String PROPERTY = "kgateway.sdk.fieldManager";
    /** Environment variable, read when the system property is not set. */
    public static final String VARIABLE = "KGATEWAY_FIELD_MANAGER";
    /** When nothing better is known: the name of the SDK. */
    public static final String FALLBACK = "kgateway-java-sdk";

    private static final Set<String> LAUNCHERS = Set.of("surefirebooter", "org.apache.maven", "org.codehaus.plexus",
            "org.gradle", "com.intellij", "org.eclipse", "jdk.jshell", "org.springframework.boot.loader");

    private FieldManagers() {
    }

    /**
     * @return {@value #PROPERTY}, else {@value #VARIABLE}, else the application's main class (simple name) or
     *         jar (file name without version), in lower case, else {@value #FALLBACK}
     */
    public static String applicationDefault() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return fromCommand(System.getProperty("sun.java.command"));
    }

    /** @return the field manager derived from a {@code sun.java.command} value */
    static String fromCommand(String command) {
        if (command == null || command.isBlank()) {
            return FALLBACK;
        }
        String main = command.trim().split("\\s+")[0];
        for (String launcher : LAUNCHERS) {
            if (main.contains(launcher)) {
                return FALLBACK;
            }
        }
        String name;
        if (main.endsWith(".jar")) {
            name = main.substring(Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\')) + 1, main.length() - ".jar".length())
                    .replaceAll("-\\d[\\w.]*$", "");
        } else {
            name = main.substring(main.lastIndexOf('.') + 1);
        }
        name = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-")
                .replaceAll("^-+|-+$", "");
        return name.isEmpty() ? FALLBACK : name.length() > 128 ? name.substring(0, 128) : name;
    }

    /**
     * Adds {@code fieldManager} to every POST, PUT and PATCH of Backends that does not name one:
     * fabric8 sends it only with a server-side apply, so creates and updates would otherwise be
     * recorded under fabric8's User-Agent. Installed on the clients {@code KgatewayClient} builds.
     */
    public static final class Parameter implements Interceptor {
        /** The name the interceptor is installed under. */
        public static final String NAME = "kgateway-field-manager";

        private final String encoded;

        /** @param fieldManager the manager to name */
        public Parameter(String fieldManager) {
            this.encoded = URLEncoder.encode(fieldManager, StandardCharsets.UTF_8);
        }

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            String method = request.method();
            URI uri = request.uri();
            if (!("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method))
                    || uri.getRawPath() == null || !uri.getRawPath().contains("/apis/gateway.kgateway.dev/")) {
                return;
            }
            String query = uri.getRawQuery();
            if (query != null && (query.startsWith("fieldManager=") || query.contains("&fieldManager="))) {
                return;
            }
            String full = uri.toString();
            builder.uri(URI.create(full + (query == null ? "?" : "&") + "fieldManager=" + encoded));
        }
    }
}
