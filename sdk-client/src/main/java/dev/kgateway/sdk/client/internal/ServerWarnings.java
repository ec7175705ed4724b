package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.client.KgatewayClientListener;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the API server's {@code Warning} headers ({@code 299 - "unknown field \"spec.x\""}), as
 * client-go's warning handler does: each is logged at WARN and given to the client's listener.
 * Installed on the clients {@code KgatewayClient} builds.
 */
public final class ServerWarnings implements Interceptor {

    /** The name the interceptor is installed under. */
    public static final String NAME = "kgateway-server-warnings";

    private static final Logger LOG = LoggerFactory.getLogger(ServerWarnings.class);
    /** RFC 7234 warning value: code, agent, quoted text (with backslash escapes), optional date. */
    private static final Pattern WARNING = Pattern.compile("^\\s*\\d{3}\\s+\\S+\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final AtomicReference<KgatewayClientListener> listener = new AtomicReference<>(KgatewayClientListener.NOOP);

    /** Sets who hears the warnings (the client's listener, once it exists). */
    public void listener(KgatewayClientListener heard) {
        listener.set(heard);
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        List<String> warnings = response.headers("Warning");
        if (warnings == null) {
            return;
        }
        for (String header : warnings) {
            String text = text(header);
            LOG.warn("API server warning for {} {}: {}", request.method(), request.uri().getPath(), text);
            listener.get().onWarning(text);
        }
    }

    /** @return the text of a {@code Warning} header value (unquoted), or the whole value when it has another form */
    static String text(String header) {
        Matcher m = WARNING.matcher(header);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : header.trim();
    }
}
