package dev.kgateway.sdk.kubeapiserver;

import dev.kgateway.sdk.kubeapiserver.internal.Pem;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A loopback proxy in front of a {@link KubeApiServer} that loses answers on demand: it forwards a
 * chosen request to the server, lets the server handle it, and closes the client's connection when
 * the answer starts, as a network failure after commit does. The proxy terminates TLS with the
 * server's own certificate, so clients of {@link #config(String)} trust it as they trust the server.
 *
 * <pre>{@code
 * try (LostAnswerProxy proxy = new LostAnswerProxy(server)) {
 *     proxy.loseAnswerTo("PUT", "/backends/web");          // the next PUT to that path lands, its answer is lost
 *     client(proxy.config(KubeApiServer.ADMIN)).edit("web", b -> ...);
 *     assertThat(proxy.lostAnswers()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Requests are read as HTTP/1.1 (the proxy offers no HTTP/2). Thread-safe.
 */
public final class LostAnswerProxy implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final KubeApiServer server;
    private final ServerSocket listener;
    private final SSLContext upstreamTls;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Pattern> lose = new AtomicReference<>();
    private final AtomicReference<Pattern> drop = new AtomicReference<>();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger lostRequests = new AtomicInteger();
    private volatile boolean open = true;

    /** Starts a proxy on a free loopback port in front of {@code server}. */
    public LostAnswerProxy(KubeApiServer server) {
        this.server = server;
        try {
            Path certs = server.certificateDir();
            SSLContext serving = Pem.presenting(certs.resolve("apiserver.crt"), certs.resolve("apiserver.key"));
            upstreamTls = Pem.trusting(certs.resolve("apiserver.crt"));
            listener = serving.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        thread("accept", this::acceptLoop).start();
    }

    /** @return the proxy's URL, {@code https://127.0.0.1:<port>} */
    public String url() {
        return "https://127.0.0.1:" + listener.getLocalPort();
    }

    /** @return a fabric8 configuration of {@code user} that reaches the server through this proxy */
    public Config config(String user) {
        return new ConfigBuilder(server.config(user)).withMasterUrl(url()).build();
    }

    /**
     * Loses the answer to the next request whose method is {@code method} and whose path contains
     * {@code pathPart}: the server receives and handles it, the client's connection is closed when the
     * answer starts. Once; call again for another.
     */
    public void loseAnswerTo(String method, String pathPart) {
        lose.set(pattern(method, pathPart));
    }

    /**
     * Loses the next request whose method is {@code method} and whose path contains {@code pathPart}
     * on its way: it never reaches the server, and the client's connection is closed after the client
     * sent it, so the client cannot tell this from an answer lost after the server handled it. Once.
     */
    public void loseRequest(String method, String pathPart) {
        drop.set(pattern(method, pathPart));
    }

    private static Pattern pattern(String method, String pathPart) {
        return Pattern.compile("(?m)^" + Pattern.quote(method) + " [^ \\r\\n]*" + Pattern.quote(pathPart));
    }

    /** @return how many answers were lost so far */
    public int lostAnswers() {
        return lost.get();
    }

    /** @return how many requests were lost on their way so far */
    public int lostRequests() {
        return lostRequests.get();
    }

    /** Closes every open connection, both sides, as a network failure would. @return how many were open */
    public int cutAll() {
        int count = 0;
        for (Link link : Set.copyOf(links)) {
            link.close();
            count++;
        }
        return count;
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        open = false;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        cutAll();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = listener.accept();
                Socket upstream;
                try {
                    upstream = upstreamTls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port(server.url()));
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, upstream);
                links.add(link);
                thread("up", () -> link.pump(client, upstream, true)).start();
                thread("down", () -> link.pump(upstream, client, false)).start();
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static Thread thread(String role, Runnable body) {
        Thread t = new Thread(body, "lost-answer-proxy-" + role + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** One client connection and its connection to the server. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean loseAnswer;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, boolean request) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (request) {
                        String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                        Pattern dropping = drop.get();
                        if (dropping != null && dropping.matcher(head).find() && drop.compareAndSet(dropping, null)) {
                            lostRequests.incrementAndGet();
                            break;
                        }
                        Pattern pattern = lose.get();
                        if (pattern != null && pattern.matcher(head).find()
                                && lose.compareAndSet(pattern, null)) {
                            loseAnswer = true;
                        }
                    } else if (loseAnswer) {
                        lost.incrementAndGet();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or the proxy cut it
            } finally {
                close();
            }
        }

        void close() {
            links.remove(this);
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                upstream.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
