package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.BackendWriteOutcomeUnknownException;
import dev.kgateway.sdk.client.BackendEventHandler;
import dev.kgateway.sdk.client.BackendInformer;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@code KgatewayClient} shared by 16 threads doing 2,400 mixed operations (edits that
 * increment a counter label, merge patches, gets, label-selected lists, creates and deletes) on 200
 * Backends, with an informer and a watch running, while the answers of 100 updates are lost after
 * the server committed them (504): no exception, no lost and no doubled update (each Backend's
 * counter equals the number of edits of it), and after {@code close()} no thread of
 * the client is left (none named {@code kgateway-watch-*}, and every thread started since the
 * client was built ends within 10 s).
 */
class ReliabilityConcurrencyTest {

    private static final String NAMESPACE = "shared";
    private static final int THREADS = 16;
    private static final int BACKENDS = 200;
    private static final int OPERATIONS_PER_THREAD = 150;
    private static final int GROUPS = 4;
    private static final Duration THREADS_END = Duration.ofSeconds(10);
    private static final int LOST_ANSWERS = 100;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void sixteenThreadsShareOneClientWithoutLostUpdatesAndCloseLeavesNoThread() throws Exception {
        try (ReliabilityCluster cluster = new ReliabilityCluster(NAMESPACE)) {
            Config config = cluster.directConfig();
            warmUpServer(config);
            Set<Thread> before = Thread.getAllStackTraces().keySet();

            KgatewayClient kgw = KgatewayClient.builder().config(config).build();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
            NamespacedBackendClient backends = kgw.backends().inNamespace(NAMESPACE);
            for (int i = 0; i < BACKENDS; i++) {
                backends.create(backend("b-" + i, i % GROUPS));
            }
            BackendInformer informer = backends.inform(new BackendEventHandler() { });
            assertThat(informer.waitUntilSynced(Duration.ofSeconds(30))).isTrue();
            AtomicInteger watchEvents = new AtomicInteger();
            BackendWatch watch = backends.watch(event -> watchEvents.incrementAndGet());

            AtomicIntegerArray edits = new AtomicIntegerArray(BACKENDS);
            AtomicIntegerArray unknown = new AtomicIntegerArray(BACKENDS);
            AtomicInteger operations = new AtomicInteger();
            List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            cluster.server.faults().loseAnswerNext(LOST_ANSWERS, 504, call -> "PUT".equals(call.method())
                    && call.path().contains("/namespaces/" + NAMESPACE + "/backends/b-"));
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(thread);
                    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                        int target = random.nextInt(BACKENDS);
                        String name = "b-" + target;
                        try {
                            int pick = random.nextInt(100);
                            if (pick < 40) {
                                try {
                                    backends.edit(name, b -> b.withMetadata(b.getMetadata().toBuilder()
                                            .putLabels("count", Integer.toString(count(b) + 1)).build()));
                                    edits.incrementAndGet(target);
                                } catch (BackendWriteOutcomeUnknownException lost) {
                                    unknown.incrementAndGet(target); // landed or not: the count may or may not hold it
                                }
                            } else if (pick < 55) {
                                backends.patch(name, "{\"metadata\":{\"labels\":{\"touched\":\"t" + thread + "-" + op + "\"}}}");
                            } else if (pick < 70) {
                                assertThat(backends.get(name)).isPresent();
                            } else if (pick < 80) {
                                int group = random.nextInt(GROUPS);
                                assertThat(backends.list(ListOptions.withLabel("group", "g" + group))).hasSize(BACKENDS / GROUPS);
                            } else {
                                String extra = "t" + thread + "-" + op;
                                backends.create(backend(extra, -1));
                                assertThat(backends.delete(extra)).isTrue();
                            }
                            operations.incrementAndGet();
                        } catch (RuntimeException | AssertionError e) {
                            unexpected.add(name + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(unexpected).isEmpty();
            assertThat(operations.get()).isEqualTo(THREADS * OPERATIONS_PER_THREAD);
            int totalEdits = 0;
            int chosen = 0;
            for (Backend b : backends.list(ListOptions.withLabelSelector("group"))) {
                int index = Integer.parseInt(b.getMetadata().getName().substring(2));
                // every edit that returned landed once; one whose answer was lost landed at most once
                assertThat(count(b)).as(b.getMetadata().getName()).isBetween(edits.get(index), edits.get(index) + unknown.get(index));
                totalEdits += count(b);
                chosen += edits.get(index) + unknown.get(index);
            }
            assertThat(backends.list()).hasSize(BACKENDS);
            assertThat(chosen).as("every edit the threads chose returned or said its outcome is unknown").isEqualTo(expectedEdits());
            assertThat(totalEdits).as("no edit applied twice").isLessThanOrEqualTo(expectedEdits());
            // every planned loss happened, and the server itself never answers 504: the 504s sent are the lost answers
            assertThat(cluster.server.faults().pending()).as("lost answers still planned").isZero();
            assertThat(cluster.handledAndAnswered(504)).as("answers lost after commit").isEqualTo(LOST_ANSWERS);

            // the check below sees the client's threads: while it is open there are some, among them the watch's
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.isAlive() && !before.contains(t))
                    .extracting(Thread::getName).anyMatch(n -> n.startsWith("kgateway-watch-"));
            kgw.close();
            assertThat(watch.isOpen()).isFalse();
            Set<String> left = awaitThreadsEnd(before);
            assertThat(left).as("threads left %s after close", THREADS_END).isEmpty();
            System.out.printf("[reliability] concurrency: %d operations by %d threads in %d ms, %d edits counted exactly on %d Backends"
                    + " with %d answers lost after commit, %d watch events; no thread left after close%n", operations.get(), THREADS, millis,
                    totalEdits, BACKENDS, cluster.handledAndAnswered(504), watchEvents.get());
            } finally {
                pool.shutdownNow();
                kgw.close();
            }
        }
    }

    /** @return how many edits the threads' seeded choices make: the same draws as the test's loop */
    private static int expectedEdits() {
        int edits = 0;
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(t);
            for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                random.nextInt(BACKENDS);
                int pick = random.nextInt(100);
                if (pick < 40) {
                    edits++;
                } else if (pick >= 70 && pick < 80) {
                    random.nextInt(GROUPS);
                }
            }
        }
        return edits;
    }

    private static int count(Backend b) {
        return Integer.parseInt(b.getMetadata().getLabels().getOrDefault("count", "0"));
    }

    private static Backend backend(String name, int group) {
        ObjectMeta.Builder meta = ObjectMeta.builder().name(name).putLabels("count", "0");
        if (group >= 0) {
            meta.putLabels("group", "g" + group);
        }
        return Backend.builder().metadata(meta.build())
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host(name + ".example").port(80))))
                .build();
    }

    /**
     * Lets the embedded server (fabric8's mock web server underneath) start its event-loop threads, and a client its own
     * (then end them), before threads are counted.
     */
    private static void warmUpServer(Config config) throws Exception {
        try (KgatewayClient warmUp = KgatewayClient.builder().config(config).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> warmUp.backends().inNamespace(NAMESPACE).list()));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        // until the set of threads stops changing (the warm-up client's threads have ended)
        long deadline = System.nanoTime() + THREADS_END.toNanos();
        Set<Thread> previous = Thread.getAllStackTraces().keySet();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            Set<Thread> now = Thread.getAllStackTraces().keySet();
            if (now.equals(previous)) {
                return;
            }
            previous = now;
        }
    }

    /** @return names of threads started since {@code before} that are still alive after the bounded wait */
    private static Set<String> awaitThreadsEnd(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + THREADS_END.toNanos();
        Set<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t))
                    .map(Thread::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        Map<String, Long> byPrefix = left.stream().collect(Collectors.groupingBy(n -> n.replaceAll("\\d+", "#"), Collectors.counting()));
        System.out.println("[reliability] threads left: " + byPrefix);
        return left;
    }
}
