package dev.kgateway.sdk.embeddedapiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptedAnswersTest {

    private static RecordedCall call(String method, String path) {
        return new RecordedCall(method, path, Map.of(), null, "", Map.of());
    }

    @Test
    void aPlannedAnswerIsGivenToTheNextMatchingRequestsOnlyAsOftenAsPlanned() {
        ScriptedAnswers answers = new ScriptedAnswers().add(2, c -> c.method().equals("GET"), c -> new MockResponse().setResponseCode(503));

        assertThat(answers.take(call("PUT", "/x"))).isNull();
        assertThat(answers.take(call("GET", "/x")).code()).isEqualTo(503);
        assertThat(answers.take(call("GET", "/y")).code()).isEqualTo(503);
        assertThat(answers.take(call("GET", "/z"))).isNull();
        assertThat(answers.pending()).isZero();
    }

    @Test
    void anEarlierPlanAnswersFirst() {
        ScriptedAnswers answers = new ScriptedAnswers()
                .add(1, c -> true, c -> new MockResponse().setResponseCode(500))
                .add(1, c -> true, c -> new MockResponse().setResponseCode(404));

        assertThat(List.of(answers.take(call("GET", "/a")).code(), answers.take(call("GET", "/a")).code()))
                .containsExactly(500, 404);
    }

    @Test
    void concurrentRequestsNeverTakeOnePlannedAnswerTwice() {
        ScriptedAnswers answers = new ScriptedAnswers().add(100, c -> true, c -> new MockResponse().setResponseCode(429));
        ConcurrentLinkedQueue<MockResponse> given = new ConcurrentLinkedQueue<>();

        IntStream.range(0, 1000).parallel().forEach(i -> {
            MockResponse r = answers.take(call("GET", "/" + i));
            if (r != null) {
                given.add(r);
            }
        });

        assertThat(given).hasSize(100);
        assertThat(answers.pending()).isZero();
    }
}
