package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendAlreadyExistsException;
import dev.kgateway.sdk.client.BackendEvent;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.BackendNotFoundException;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.client.RetryPolicy;
import dev.kgateway.sdk.embeddedapiserver.RecordedCall;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.ObjectMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak: an SDK informer and an SDK watch run while 4 writer threads make 5,000 creates, updates
 * and deletes through a proxy that cuts every connection at random every 200 to 400 operations,
 * and once makes the server answer both watches 410 Gone. At the end the informer's cache is the
 * server's state exactly (same names, same resourceVersions), and the watch's last event of every
 * Backend is its final state (its resourceVersion, or DELETED).
 *
 * <p>The embedded API server resumes watches from their resourceVersion by replaying its event
 * history, as a real API server does from its watch cache; the 410 is an ERROR event with a Status
 * of code 410, as a real server sends when the resourceVersion is older than its cache
 * ({@link ReliabilityCluster#expireNextWatch}). What the server emitted is recorded by an
 * independent watch straight on the server ({@link ServerEventLog}): every event the SDK watch
 * delivered (but those a re-list made up) must be one of them.
 */
class ReliabilitySoakTest {

    private static final String NAMESPACE = "soak";
    private static final int WRITERS = 4;
    private static final int OPERATIONS = Integer.getInteger("reliability.soak.operations", 5_000);
    private static final int NAMES_PER_WRITER = 50;
    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    /**
     * Events the server replayed to resumed watches, counted as {@link ReliabilityCluster#replayedEvents()} does
     * (a lower bound): runs measured 276 and 339 under a load average of 19 to 26 on 2 cores; the bound is a third of
     * the lowest, a margin for slower machines.
     */
    private static final int REPLAYED_BOUND = 90;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void informerCacheAndWatchEndEqualToTheServerAfter5000WritesWithCutsAndA410() throws Exception {
        long started = System.nanoTime();
        try (ReliabilityCluster cluster = new ReliabilityCluster(NAMESPACE);
             ServerEventLog serverEvents = new ServerEventLog(cluster.server.url(), NAMESPACE, cluster.server.currentResourceVersion());
             KgatewayClient direct = KgatewayClient.builder().config(cluster.directConfig()).build();
             KgatewayClient kgw = KgatewayClient.builder().config(cluster.proxiedConfig())
                     .retryPolicy(new RetryPolicy(6, 30, Duration.ofMillis(20), Duration.ofMillis(500))).build()) {
            NamespacedBackendClient backends = kgw.backends().inNamespace(NAMESPACE);
            AtomicInteger handlerCalls = new AtomicInteger();
            BackendInformer informer = backends.inform(new BackendEventHandler() {
                @Override
                public void onAdd(Backend backend) {
                    handlerCalls.incrementAndGet();
                }

                @Override
                public void onUpdate(Backend oldBackend, Backend newBackend) {
                    handlerCalls.incrementAndGet();
                }

                @Override
                public void onDelete(Backend backend, boolean finalStateUnknown) {
                    handlerCalls.incrementAndGet();
                }
            });
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(30))).isTrue();
            WatchRecorder recorder = new WatchRecorder();
            BackendWatch watch = backends.watch(recorder);

            // the writers, and a thread that cuts connections as they go
            AtomicInteger tickets = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
            Set<String> touched = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1, r -> new Thread(r, "reliability-soak"));
            AtomicInteger expiredAt = new AtomicInteger(-1);
            AtomicInteger cutRounds = new AtomicInteger();
            try {
                CountDownLatch writersDone = new CountDownLatch(WRITERS);
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    futures.add(pool.submit(() -> {
                        try {
                            new Writer(backends, writer, tickets, done, unexpected, touched).run();
                        } finally {
                            writersDone.countDown();
                        }
                    }));
                }
                futures.add(pool.submit(() -> chaos(cluster, done, writersDone, expiredAt, cutRounds)));
                for (Future<?> f : futures) {
                    f.get(4, TimeUnit.MINUTES);
                }
            } finally {
                // writers and chaos stop also when an assertion or a timeout ends the test early
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("soak threads ended").isTrue();
            }
            long writing = System.nanoTime() - started;

            // the server's state, read without the proxy
            Supplier<Map<String, String>> server = () -> versions(direct.backends().inNamespace(NAMESPACE).list());
            Map<String, String> expected = awaitStable(server);
            long serverVersion = cluster.server.currentResourceVersion();
            assertThat(serverEvents.awaitResourceVersion(serverVersion, CONVERGENCE))
                    .as("the server's event log reached resourceVersion %d", serverVersion).isTrue();
            long converging = System.nanoTime();
            boolean informerConverged = await(() -> versions(informer.list()).equals(expected));
            boolean watchConverged = await(() -> recorder.live().equals(expected));
            long convergedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - converging);

            if (!informerConverged || !watchConverged) {
                cluster.watchRequests().forEach(t -> System.out.println("[soak-diagnostics] " + t));
                try {
                    java.nio.file.Files.write(java.nio.file.Path.of("target", "soak-history.txt"), serverEvents.lines());
                    java.nio.file.Files.write(java.nio.file.Path.of("target", "soak-server.txt"),
                            expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
                } catch (java.io.IOException e) {
                    System.out.println("[soak-diagnostics] " + e);
                }
                Map<String, String> cached = versions(informer.list());
                Map<String, String> live = recorder.live();
                for (String name : new java.util.TreeSet<>(touched)) {
                    if (!java.util.Objects.equals(cached.get(name), expected.get(name)) || !java.util.Objects.equals(live.get(name), expected.get(name))) {
                        System.out.println("[soak-diagnostics] " + name + " server=" + expected.get(name) + " informer=" + cached.get(name)
                                + " watch=" + recorder.last.get(name).type() + " " + recorder.last.get(name).backend().getMetadata().getResourceVersion()
                                + " events on the server: " + serverEvents.historyOf(name));
                    }
                }
            }
            // informer: exactly the server's names and resourceVersions
            assertThat(informerConverged).as("informer converged within %s", CONVERGENCE).isTrue();
            assertThat(versions(informer.list())).isEqualTo(expected);
            // watch: the last event of each Backend is its final state
            assertThat(watchConverged).as("watch converged within %s", CONVERGENCE).isTrue();
            int neverSeen = 0;
            for (String name : touched) {
                BackendEvent last = recorder.last.get(name);
                if (expected.containsKey(name)) {
                    assertThat(last).as(name).isNotNull();
                    assertThat(last.type()).as(name).isNotEqualTo(BackendEvent.Type.DELETED);
                    assertThat(last.backend().getMetadata().getResourceVersion()).as(name).isEqualTo(expected.get(name));
                } else if (last == null) {
                    neverSeen++; // created and deleted while the watch was re-listing: nothing to see
                } else {
                    assertThat(last.type()).as(name).isEqualTo(BackendEvent.Type.DELETED);
                }
            }
            // the watch delivered no event twice: per Backend, the resourceVersions it was sent only grow (a DELETED
            // found by the re-list carries the last version the watch saw), and every event that did not come from
            // the re-list is one the server recorded for that Backend
            int watchedEvents = 0;
            for (Map.Entry<String, List<BackendEvent>> entry : recorder.perName.entrySet()) {
                List<Long> sent = entry.getValue().stream().filter(e -> !(e.fromRelist() && e.type() == BackendEvent.Type.DELETED))
                        .map(e -> Long.parseLong(e.backend().getMetadata().getResourceVersion())).toList();
                assertThat(sent).as("resourceVersions delivered for %s", entry.getKey()).isSorted().doesNotHaveDuplicates();
                List<String> history = serverEvents.historyOf(entry.getKey());
                for (BackendEvent e : entry.getValue()) {
                    if (!e.fromRelist()) {
                        assertThat(history).as("server events of %s", entry.getKey())
                                .contains(e.backend().getMetadata().getResourceVersion() + " " + e.type());
                        watchedEvents++;
                    }
                }
            }
            assertThat(recorder.events.get()).isEqualTo(recorder.perName.values().stream().mapToInt(List::size).sum());
            assertThat(watch.isOpen()).isTrue();
            assertThat(recorder.closed.get()).isNull();
            assertThat(unexpected).as("unexpected exceptions of writers").isEmpty();
            assertThat(done.get()).isEqualTo(OPERATIONS);
            // the faults happened
            assertThat(cluster.proxy.cuts()).as("connections cut").isGreaterThanOrEqualTo(10);
            assertThat(serverEvents.intact()).as("the server's event log saw every event (its watch never closed)").isTrue();
            assertThat(cluster.goneAnswers()).as("410 answers").isEqualTo(2);
            assertThat(watch.relistCount()).as("watch re-lists after 410").isEqualTo(1);
            assertThat(recorder.relists.get()).isEqualTo(1);
            // resumed watches: each round of cuts ends the informer's and the watch's connections, and each comes back from
            // the last resourceVersion it saw (the server replays what it missed). Two per round are expected (runs: 33 in 16
            // rounds, besides the first two watches and the two after the 410, which start from their list's
            // resourceVersion); the bound is one per round, as a cut may come while a watch is between connections
            List<RecordedCall> resumed = cluster.watchRequests().stream().filter(ReliabilityCluster::resumedWatch).toList();
            assertThat(cutRounds.get()).as("rounds of cuts").isGreaterThanOrEqualTo(10);
            assertThat(resumed).as("watch requests resuming from a resourceVersion").hasSizeGreaterThanOrEqualTo(cutRounds.get());
            assertThat(cluster.replayedEvents()).as("events replayed to resumed watches").isGreaterThanOrEqualTo(REPLAYED_BOUND);

            System.out.printf("[reliability] soak: %d operations by %d writers in %d ms, %d Backends at the end (%d never seen by the watch),"
                            + " %d connections cut in %d rounds, %d watch requests (%d resumed), 2 answered 410 after operation %d, %d events replayed,"
                            + " %d watch events (%d received from the server, none twice), %d informer handler calls; both equal to the server %d ms after the server was stable%n",
                    done.get(), WRITERS, TimeUnit.NANOSECONDS.toMillis(writing), expected.size(), neverSeen, cluster.proxy.cuts(),
                    cutRounds.get(), cluster.watchRequests().size(), resumed.size(), expiredAt.get(), cluster.replayedEvents(), recorder.events.get(),
                    watchedEvents, handlerCalls.get(), convergedMillis);
            informer.close();
            watch.close();
        }
    }

    /** Cuts every connection each 200 to 400 operations; half way, makes the next watch of the informer and of the watch 410. */
    private static void chaos(ReliabilityCluster cluster, AtomicInteger done, CountDownLatch writersDone, AtomicInteger expiredAt,
                              AtomicInteger cutRounds) {
        Random random = new Random(7);
        int next = 200 + random.nextInt(200);
        long lastReport = System.nanoTime();
        try {
            while (!writersDone.await(5, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.println("[soak-progress] done=" + done.get() + " cuts=" + cluster.proxy.cuts() + " accepted=" + cluster.proxy.accepted()
                            + " watches=" + cluster.watchRequests().size());
                }
                if (done.get() < next) {
                    continue;
                }
                if (expiredAt.get() < 0 && next >= OPERATIONS / 2) {
                    expiredAt.set(done.get());
                    // the informer's watch requests carry timeoutSeconds, the SDK watch's do not
                    cluster.expireNextWatch(call -> call.queryParameter("timeoutSeconds") != null);
                    cluster.expireNextWatch(call -> call.queryParameter("timeoutSeconds") == null);
                }
                cluster.proxy.cutAll();
                cutRounds.incrementAndGet();
                next += 200 + random.nextInt(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One writer: its own 50 names, random creates, edits and deletes, until the shared tickets run out. */
    private static final class Writer {
        private final NamespacedBackendClient backends;
        private final int writer;
        private final AtomicInteger tickets;
        private final AtomicInteger done;
        private final List<String> unexpected;
        private final Set<String> touched;
        private final Random random;
        /** true: exists, false: does not, null: unknown after a failed request. */
        private final Map<String, Boolean> exists = new TreeMap<>();

        Writer(NamespacedBackendClient backends, int writer, AtomicInteger tickets, AtomicInteger done, List<String> unexpected,
               Set<String> touched) {
            this.backends = backends;
            this.writer = writer;
            this.tickets = tickets;
            this.done = done;
            this.unexpected = unexpected;
            this.touched = touched;
            this.random = new Random(writer);
            for (int i = 0; i < NAMES_PER_WRITER; i++) {
                exists.put("w" + writer + "-" + i, false);
            }
        }

        void run() {
            while (tickets.getAndIncrement() < OPERATIONS) {
                String name = "w" + writer + "-" + random.nextInt(NAMES_PER_WRITER);
                touched.add(name);
                try {
                    if (exists.get(name) == null) {
                        exists.put(name, backends.get(name).isPresent());
                    }
                    if (!exists.get(name)) {
                        create(name);
                    } else if (random.nextInt(10) < 7) {
                        edit(name);
                    } else {
                        exists.put(name, false);
                        backends.delete(name);
                    }
                } catch (KgatewayApiException e) {
                    if (e.getCode() != 0) {
                        unexpected.add(name + ": " + causes(e));
                    }
                    exists.put(name, null); // no answer: it may or may not have happened
                } catch (RuntimeException e) {
                    unexpected.add(name + ": " + causes(e));
                    exists.put(name, null);
                }
                done.incrementAndGet();
            }
        }

        private void create(String name) {
            try {
                backends.create(Backend.builder()
                        .metadata(ObjectMeta.builder().name(name).putLabels("writer", "w" + writer).putLabels("n", "0").build())
                        .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(name + ".example").port(8080))))
                        .build());
            } catch (BackendAlreadyExistsException e) {
                // a create whose answer was lost, read back as absent before it landed
            }
            exists.put(name, true);
        }

        private void edit(String name) {
            try {
                backends.edit(name, b -> b.withMetadata(b.getMetadata().toBuilder()
                        .putLabels("n", Integer.toString(Integer.parseInt(b.getMetadata().getLabels().getOrDefault("n", "0")) + 1))
                        .build()));
            } catch (BackendNotFoundException e) {
                exists.put(name, false);
            }
        }
    }

    /** The watch's view: the last event per name, delivered on the watch's one thread. */
    static final class WatchRecorder implements BackendWatchListener {
        final Map<String, BackendEvent> last = new ConcurrentHashMap<>();
        final AtomicInteger events = new AtomicInteger();
        final AtomicInteger relists = new AtomicInteger();
        final AtomicReference<KgatewayException> closed = new AtomicReference<>();

        /** Every event, per name, in the order delivered (one thread delivers them). */
        final Map<String, List<BackendEvent>> perName = new ConcurrentHashMap<>();

        @Override
        public void onEvent(BackendEvent event) {
            events.incrementAndGet();
            last.put(event.backend().getMetadata().getName(), event);
            perName.computeIfAbsent(event.backend().getMetadata().getName(), n -> Collections.synchronizedList(new ArrayList<>())).add(event);
        }

        @Override
        public void onRelist(int backendCount) {
            relists.incrementAndGet();
        }

        @Override
        public void onClose(KgatewayException cause) {
            closed.set(cause);
        }

        /** Names and resourceVersions of the Backends whose last event is not DELETED. */
        Map<String, String> live() {
            return last.entrySet().stream()
                    .filter(e -> e.getValue().type() != BackendEvent.Type.DELETED)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().backend().getMetadata().getResourceVersion(),
                            (a, b) -> a, TreeMap::new));
        }
    }

    /** An exception and its causes, one per line. */
    static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t == e ? "" : "\n    caused by ").append(t);
        }
        return out.toString();
    }

    static Map<String, String> versions(List<Backend> backends) {
        return backends.stream().collect(Collectors.toMap(b -> b.getMetadata().getName(), b -> b.getMetadata().getResourceVersion(),
                (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> awaitStable(Supplier<Map<String, String>> read) throws InterruptedException {
        Map<String, String> previous = read.get();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(100);
            Map<String, String> now = read.get();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static boolean await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.get();
    }
}
