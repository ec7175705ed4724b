package dev.kgateway.sdk.client.internal;

import io.fabric8.kubernetes.client.http.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** The Retry-After header the client remembers from 429 and 503 answers, and how it reads the header's two forms. */
class RetryAfterHintsTest {

    @Test
    void deltaSecondsAreReadAsGivenAroundSpaces() {
        assertThat(RetryAfterHints.parse("7")).isEqualTo(7);
        assertThat(RetryAfterHints.parse(" 120 ")).isEqualTo(120);
        assertThat(RetryAfterHints.parse("0")).isZero();
    }

    @Test
    void negativeDeltaSecondsMeanRetryNow() {
        assertThat(RetryAfterHints.parse("-3")).isZero();
    }

    @Test
    void missingBlankOrUnreadableValuesAreNoHint() {
        assertThat(RetryAfterHints.parse(null)).isEqualTo(-1);
        assertThat(RetryAfterHints.parse("")).isEqualTo(-1);
        assertThat(RetryAfterHints.parse("   ")).isEqualTo(-1);
        assertThat(RetryAfterHints.parse("soon")).isEqualTo(-1);
        assertThat(RetryAfterHints.parse("1.5")).isEqualTo(-1);
    }

    @Test
    void anHttpDateInTheFutureIsTheSecondsUntilThen() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));

        // the date has whole seconds and a second may pass while the test runs
        assertThat(RetryAfterHints.parse(inTwoMinutes)).isBetween(118L, 120L);
    }

    @Test
    void anHttpDateInThePastMeansRetryNow() {
        assertThat(RetryAfterHints.parse("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    }

    @Test
    void aFreshHintRemembersNothing() {
        assertThat(new RetryAfterHints().recent()).isEmpty();
    }

    @Test
    void theHeaderOfA429IsRemembered() {
        RetryAfterHints hints = new RetryAfterHints();

        hints.after(null, response(429, "3"), null);

        assertThat(hints.recent()).contains(Duration.ofSeconds(3));
    }

    @Test
    void theHeaderOfA503IsRemembered() {
        RetryAfterHints hints = new RetryAfterHints();

        hints.after(null, response(503, "2"), null);

        assertThat(hints.recent()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aZeroSecondHeaderIsRememberedAsRetryNow() {
        RetryAfterHints hints = new RetryAfterHints();

        hints.after(null, response(429, "0"), null);

        assertThat(hints.recent()).contains(Duration.ZERO);
    }

    @Test
    void otherAnswersLeaveTheHintAlone() {
        RetryAfterHints hints = new RetryAfterHints();
        hints.after(null, response(429, "4"), null);

        hints.after(null, response(500, "9"), null);
        hints.after(null, response(200, "9"), null);
        hints.after(null, response(502, "9"), null);

        assertThat(hints.recent()).contains(Duration.ofSeconds(4));
    }

    @Test
    void aThrottledAnswerWithoutAReadableHeaderKeepsTheLatestHint() {
        RetryAfterHints hints = new RetryAfterHints();
        hints.after(null, response(429, "4"), null);

        hints.after(null, response(429, null), null);
        hints.after(null, response(503, "later"), null);

        assertThat(hints.recent()).contains(Duration.ofSeconds(4));
    }

    @Test
    void theLatestHintWins() {
        RetryAfterHints hints = new RetryAfterHints();

        hints.after(null, response(429, "4"), null);
        hints.after(null, response(503, "1"), null);

        assertThat(hints.recent()).contains(Duration.ofSeconds(1));
    }

    private static HttpResponse<byte[]> response(int code, String retryAfter) {
        return HttpAnswers.withRetryAfter(code, retryAfter);
    }
}
