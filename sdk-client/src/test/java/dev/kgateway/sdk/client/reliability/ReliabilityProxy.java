package dev.kgateway.sdk.client.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP proxy on 127.0.0.1: forwards bytes both ways between each client
 * connection and the target, and on demand cuts every open connection ({@link #cutAll()}), or drops
 * the response to a request whose bytes contain a marker ({@link #dropResponsesTo(String)}), after
 * the target received it. Threads are daemons named {@code reliability-proxy-*}.
 */
final class ReliabilityProxy implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile String dropMarker;
    private volatile boolean open = true;

    ReliabilityProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread("accept", this::acceptLoop).start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** @return connections accepted so far */
    int accepted() {
        return accepted.get();
    }

    /** @return how many connections {@link #cutAll()} has cut */
    int cuts() {
        return cuts.get();
    }

    /** @return responses dropped after their request reached the target */
    int dropped() {
        return dropped.get();
    }

    /** Closes every open connection, both sides, as a network failure would. */
    int cutAll() {
        int count = 0;
        for (Link link : Set.copyOf(links)) {
            link.close();
            count++;
        }
        cuts.addAndGet(count);
        return count;
    }

    /** From now on, a connection that forwards a request containing {@code marker} is closed when the response starts. */
    void dropResponsesTo(String marker) {
        this.dropMarker = marker;
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                accepted.incrementAndGet();
                Link link = new Link(client, upstream);
                links.add(link);
                thread("up", () -> link.pump(client, upstream, true)).start();
                thread("down", () -> link.pump(upstream, client, false)).start();
            } catch (IOException e) {
                if (open) {
                    continue;
                }
                return;
            }
        }
    }

    private static Thread thread(String role, Runnable body) {
        Thread t = new Thread(body, "reliability-proxy-" + role + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        cutAll();
    }

    /** One client connection and its upstream connection. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean dropResponse;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, boolean request) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    String marker = dropMarker;
                    if (request && marker != null && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(marker)) {
                        dropResponse = true;
                    }
                    if (!request && dropResponse) {
                        dropped.incrementAndGet();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or we cut it
            } finally {
                close();
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
