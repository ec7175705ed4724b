package dev.kgateway.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kgateway.sdk.client.ScriptedApiServer.Req;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Answers that come later than the client's request timeout. A real API server cannot be made to
 * hold one answer for seconds on demand, so these run on the scripted server.
 */
class RequestTimeoutTest extends SharedApiServerTest {

    private static final Duration LATE = Duration.ofSeconds(6);

    @Override
    KgatewayClient newClient() {
        return KgatewayClient.builder().config(new ConfigBuilder(api.config()).withRequestTimeout(1000).build())
                .retryPolicy(new RetryPolicy(2, 30, Duration.ofMillis(10), Duration.ofMillis(10))).build();
    }

    @Override
    String namespacePrefix() {
        return "timeout";
    }

    private Predicate<Req> call(String method, String name) {
        return r -> r.method().equals(method) && r.path().equals(backendsPath() + "/" + name);
    }

    private void answerLate(Predicate<Req> when) {
        api.answer(when, 10, r -> ScriptedApiServer.status(404, "NotFound", "late").setBodyDelay(LATE.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aDeleteAnsweredAfterTheRequestTimeoutFailsWithinIt() {
        backends.create(TestBackends.staticBackend("slow"));
        answerLate(call("DELETE", "slow"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> backends.delete("slow")).isInstanceOfSatisfying(KgatewayApiException.class,
                e -> assertThat(e.getMessage()).contains("timed out"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LATE);
        assertThat(backends.get("slow")).as("the late answers never deleted it").isPresent();
    }

    @Test
    void aReadThatTimesOutIsRetriedAndReportedAsATimeout() {
        answerLate(call("GET", "slow"));
        assertThatThrownBy(() -> backends.get("slow")).isInstanceOfSatisfying(KgatewayApiException.class, e -> {
            assertThat(e.getMessage()).startsWith("timed out").doesNotContain("HTTP 0");
            assertThat(e.getReason()).isEqualTo("Timeout");
        });
        assertThat(api.requests(call("GET", "slow"))).hasSize(2);
    }

    @Test
    void aListThatTimesOutIsRetriedAndReportedAsATimeout() {
        api.answer(r -> r.method().equals("GET") && r.path().equals(backendsPath()), 10,
                r -> ScriptedApiServer.json(200, "{\"kind\":\"BackendList\",\"apiVersion\":\"gateway.kgateway.dev/v1alpha1\",\"metadata\":{},\"items\":[]}")
                        .setBodyDelay(LATE.toMillis(), TimeUnit.MILLISECONDS));
        assertThatThrownBy(() -> backends.list()).isInstanceOfSatisfying(KgatewayApiException.class,
                e -> assertThat(e.getMessage()).startsWith("timed out").doesNotContain("HTTP 0"));
        assertThat(api.requests(r -> r.method().equals("GET") && r.path().equals(backendsPath()))).hasSize(2);
    }
}
