package dev.kgateway.sdk.client;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import dev.kgateway.sdk.client.ScriptedApiServer.ScriptedWatch;
import dev.kgateway.sdk.client.metrics.MicrometerClientListener;
import dev.kgateway.sdk.model.Backend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.kgateway.sdk.client.ScriptedApiServer.BACKENDS;
import static dev.kgateway.sdk.client.TestBackends.NS;
import static dev.kgateway.sdk.client.TestBackends.stored;
import static dev.kgateway.sdk.client.TestBackends.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What {@code KgatewayClient.builder().meterRegistry(..)} records, against a scripted CRUD mock API server. */
class ClientMetricsTest {

    private ScriptedApiServer api;
    private SimpleMeterRegistry registry;
    private KgatewayClient kgw;
    private NamespacedBackendClient backends;

    @BeforeEach
    void setUp() {
        api = new ScriptedApiServer();
        registry = new SimpleMeterRegistry();
        kgw = api.sdk(b -> b.meterRegistry(registry));
        kgw.installCrd(false);
        backends = kgw.backends().inNamespace(NS);
    }

    @AfterEach
    void tearDown() {
        kgw.close();
        api.close();
    }

    private Timer requests(String verb, String outcome) {
        return registry.find(MicrometerClientListener.REQUESTS).tag("verb", verb).tag("outcome", outcome).timer();
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void createGetAndListRecordOneTimedRequestEachByVerbAndOutcome() {
        backends.create(TestBackends.staticBackend("openai"));
        backends.get("openai");
        backends.list();

        assertThat(requests("create", "2xx").count()).isEqualTo(1);
        assertThat(requests("get", "2xx").count()).isEqualTo(1);
        assertThat(requests("list", "2xx").count()).isEqualTo(1);
        assertThat(requests("create", "2xx").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void anErrorAnswerIsRecordedWithItsStatusClass() {
        backends.create(TestBackends.staticBackend("openai"));
        try {
            backends.create(TestBackends.staticBackend("openai"));
        } catch (BackendAlreadyExistsException expected) {
            // 409 AlreadyExists
        }

        assertThat(requests("create", "4xx").count()).isEqualTo(1);
        assertThat(requests("create", "2xx").count()).isEqualTo(1);
    }

    @Test
    void a503ThenSuccessRecordsOneRetryAndBothAttempts() {
        backends.create(TestBackends.staticBackend("openai"));
        api.answer(Req.call("GET", BACKENDS + "/openai"), 1, 503, TestBackends.statusJson(503, "ServiceUnavailable", "rolling"));

        assertThat(backends.get("openai")).isPresent();

        assertThat(count(MicrometerClientListener.RETRIES, "verb", "get", "reason", "5xx")).isEqualTo(1);
        assertThat(requests("get", "5xx").count()).isEqualTo(1);
        assertThat(requests("get", "2xx").count()).isEqualTo(1);
    }

    @Test
    void aConflictDuringEditRecordsAConflictRetry() {
        backends.create(TestBackends.staticBackend("openai"));
        api.answer(Req.call("PUT", BACKENDS + "/openai"), 1, 409,
                TestBackends.statusJson(409, "Conflict", "the object has been modified; please apply your changes to the latest version"));

        Backend edited = backends.edit("openai", b -> withLabel(b, "tier", "gold"));

        assertThat(edited.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(count(MicrometerClientListener.CONFLICTS_RETRIED, "verb", "update")).isEqualTo(1);
        assertThat(count(MicrometerClientListener.RETRIES)).as("a conflict is not a transport retry").isZero();
    }

    @Test
    void goneOnAWatchRecordsARelistAndAReconnect() {
        backends.create(TestBackends.staticBackend("a"));
        ScriptedWatch first = api.scriptWatch(Req.watch(BACKENDS));
        List<BackendEvent> events = new CopyOnWriteArrayList<>();

        try (BackendWatch watch = backends.watch(events::add)) {
            first.request();
            assertThat(count(MicrometerClientListener.WATCH_RELISTS, "reason", "gone")).isZero();
            first.gone();

            await().atMost(Duration.ofSeconds(10)).until(() -> watch.relistCount() == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> count(MicrometerClientListener.WATCH_RECONNECTS) == 1);
            assertThat(count(MicrometerClientListener.WATCH_RELISTS, "reason", "gone")).isEqualTo(1);
            assertThat(requests("watch", "2xx").count()).isEqualTo(2);
        }
    }

    @Test
    void noTagValueHoldsANamespaceOrAName() {
        List<String> names = List.of("openai", "gemini", "a");
        backends.create(TestBackends.staticBackend("openai"));
        backends.create(TestBackends.geminiBackend("gemini"));
        api.answer(Req.call("GET", BACKENDS + "/openai"), 1, 503, TestBackends.statusJson(503, "ServiceUnavailable", "rolling"));
        backends.get("openai");
        backends.get("missing");
        backends.edit("gemini", b -> withLabel(b, "tier", "gold"));
        backends.delete("openai");
        kgw.backends().inAnyNamespace().list();

        List<Meter> meters = registry.getMeters();
        assertThat(meters).isNotEmpty();
        for (Meter meter : meters) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).as(meter.getId() + " tag " + tag.getKey()).isNotEqualTo(NS).doesNotContain("/");
                assertThat(names).as(meter.getId() + " tag " + tag.getKey()).doesNotContain(tag.getValue());
            }
        }
        assertThat(meters).extracting(m -> m.getId().getTag("verb")).contains("create", "get", "update", "delete", "list");
    }

    @Test
    void aListenerHearsTheSameEventsWithoutMicrometer() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (KgatewayClient plain = api.sdk(b -> b.listener(new KgatewayClientListener() {
            @Override
            public void onRequest(String verb, String outcome, Duration latency) {
                heard.add(verb + " " + outcome);
            }

            @Override
            public void onRetry(String verb, int attempt, String reason) {
                heard.add("retry " + verb + " " + attempt + " " + reason);
            }
        }))) {
            api.answer(Req.call("GET", BACKENDS + "/openai"), 1, 429, TestBackends.statusJson(429, "TooManyRequests", "slow down"));
            assertThat(plain.backends().inNamespace(NS).get("openai")).isEmpty();
        }

        assertThat(heard).containsExactly("get 4xx", "retry get 1 429", "get 2xx");
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheRequest() {
        try (KgatewayClient plain = api.sdk(b -> b.listener(new KgatewayClientListener() {
            @Override
            public void onRequest(String verb, String outcome, Duration latency) {
                throw new IllegalStateException("broken listener");
            }
        }).meterRegistry(registry))) {
            plain.backends().inNamespace(NS).create(TestBackends.staticBackend("openai"));
        }

        assertThat(requests("create", "2xx").count()).as("the next listener still heard it").isEqualTo(1);
    }
}
