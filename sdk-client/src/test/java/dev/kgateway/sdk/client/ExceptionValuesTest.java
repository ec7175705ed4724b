package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the SDK's exceptions keep and say, built directly (the mapping from answers is ErrorMapperTest's). */
class ExceptionValuesTest {

    @Test
    void aWaitTimeoutForABackendThatNeverAppearedSaysItDidNotExist() {
        BackendWaitTimeoutException e = new BackendWaitTimeoutException("ai", "openai", Duration.ofMillis(1500), null);

        assertThat(e).hasMessage("timed out after 1500 ms waiting for Backend 'openai' in namespace 'ai' to exist");
        assertThat(e.getNamespace()).isEqualTo("ai");
        assertThat(e.getName()).isEqualTo("openai");
        assertThat(e.getTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(e.getLastSeen()).isEmpty();
    }

    @Test
    void aWaitTimeoutForABackendThatExistsNamesTheVersionLastSeen() {
        Backend seen = Backend.builder().metadata(m -> m.name("openai").resourceVersion("77")).build();

        BackendWaitTimeoutException e = new BackendWaitTimeoutException("ai", "openai", Duration.ofSeconds(2), seen);

        assertThat(e).hasMessage("timed out after 2000 ms waiting for Backend 'openai' in namespace 'ai' to satisfy the condition"
                + " (it exists at resourceVersion 77)");
        assertThat(e.getLastSeen()).containsSame(seen);
    }

    @Test
    void aWaitTimeoutForABackendWithoutMetadataNamesNoVersion() {
        BackendWaitTimeoutException e = new BackendWaitTimeoutException("ai", "openai", Duration.ofSeconds(1), Backend.builder().build());

        assertThat(e).hasMessageEndingWith("(it exists at resourceVersion )");
    }

    @Test
    void aRejectedBackendKeepsTheServersAnswer() {
        IOException cause = new IOException("422");
        List<Violation> violations = List.of(new Violation("spec.type", "FieldValueRequired", "Required value", null));

        BackendRejectedException e = new BackendRejectedException("rejected", violations, 422, "Invalid", "is invalid", "ai", "openai", cause);

        assertThat(e.getCode()).isEqualTo(422);
        assertThat(e.getReason()).isEqualTo("Invalid");
        assertThat(e.getServerMessage()).isEqualTo("is invalid");
        assertThat(e.getNamespace()).isEqualTo("ai");
        assertThat(e.getName()).isEqualTo("openai");
        assertThat(e.getViolations()).isEqualTo(violations);
        assertThat(e).hasCause(cause);
    }

    @Test
    void aRejectedBackendWithoutDetailsHasEmptyTextsAndNoCause() {
        BackendRejectedException e = new BackendRejectedException("rejected", List.of(), 422, null, null, null, null, null);

        assertThat(e.getReason()).isEmpty();
        assertThat(e.getServerMessage()).isEmpty();
        assertThat(e.getNamespace()).isEmpty();
        assertThat(e.getName()).isEmpty();
        assertThat(e).hasNoCause();
    }

    @Test
    void anApiExceptionWithoutDetailsHasEmptyTexts() {
        KgatewayApiException e = new KgatewayApiException("lost", 0, null, null, null, null, null);

        assertThat(e.getCode()).isZero();
        assertThat(e.getReason()).isEmpty();
        assertThat(e.getServerMessage()).isEmpty();
        assertThat(e.getNamespace()).isEmpty();
        assertThat(e.getName()).isEmpty();
    }

    @Test
    void authorizationFailuresTakeTheirReasonFromTheCode() {
        KgatewayAuthorizationException unauthorized = new KgatewayAuthorizationException("no", 401, "get", "backends", "", "ai", "x", null);
        KgatewayAuthorizationException forbidden = new KgatewayAuthorizationException("no", 403, "list", "backends", "", "ai", "", null);

        assertThat(unauthorized.getReason()).isEqualTo("Unauthorized");
        assertThat(forbidden.getReason()).isEqualTo("Forbidden");
        assertThat(forbidden.getVerb()).isEqualTo("list");
        assertThat(forbidden.getResource()).isEqualTo("backends");
    }

    @Test
    void specificFailuresCarryTheirCodeAndReason() {
        assertThat(new BackendNotFoundException("m", "s", "ai", "x", null)).satisfies(e -> {
            assertThat(e.getCode()).isEqualTo(404);
            assertThat(e.getReason()).isEqualTo("NotFound");
        });
        assertThat(new BackendConflictException("m", "s", "ai", "x", null)).satisfies(e -> {
            assertThat(e.getCode()).isEqualTo(409);
            assertThat(e.getReason()).isEqualTo("Conflict");
        });
        assertThat(new BackendAlreadyExistsException("m", "s", "ai", "x", null)).satisfies(e -> {
            assertThat(e.getCode()).isEqualTo(409);
            assertThat(e.getReason()).isEqualTo("AlreadyExists");
        });
    }
}
