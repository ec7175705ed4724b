package dev.kgateway.sdk.client;

import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one value both API exceptions expose as {@code details()}. */
class ApiErrorDetailsTest {

    private static final ApiErrorDetails REFUSED = new ApiErrorDetails(422, "Invalid", "is invalid", "ai", "openai");

    @Test
    void aRejectedBackendAndAnApiFailureExposeTheSameDetailsValue() {
        BackendRejectedException rejected = new BackendRejectedException("rejected", List.<Violation>of(), REFUSED, null);
        KgatewayApiException failed = new KgatewayApiException("failed", REFUSED, null);

        assertThat(rejected.details()).isEqualTo(failed.details()).isEqualTo(REFUSED);
    }

    @Test
    void thePositionalConstructorsBuildTheSameDetails() {
        BackendRejectedException rejected = new BackendRejectedException("rejected", List.of(), 422, "Invalid", "is invalid", "ai", "openai", null);
        KgatewayApiException failed = new KgatewayApiException("failed", 422, "Invalid", "is invalid", "ai", "openai", null);

        assertThat(rejected.details()).isEqualTo(REFUSED);
        assertThat(failed.details()).isEqualTo(REFUSED);
    }

    @Test
    void absentStringsReadAsEmpty() {
        ApiErrorDetails details = new ApiErrorDetails(0, null, null, null, null);

        assertThat(details.reason()).isEmpty();
        assertThat(details.serverMessage()).isEmpty();
        assertThat(details.namespace()).isEmpty();
        assertThat(details.name()).isEmpty();
    }

    @Test
    void theBuilderSetsEveryMember() {
        ApiErrorDetails built = ApiErrorDetails.builder().code(422).reason("Invalid").serverMessage("is invalid").namespace("ai").name("openai")
                .build();

        assertThat(built).isEqualTo(REFUSED);
    }

    @Test
    void aCopyChangesOnlyWhatItsBuilderSets() {
        ApiErrorDetails other = REFUSED.copy(b -> b.name("other"));

        assertThat(other).isEqualTo(new ApiErrorDetails(422, "Invalid", "is invalid", "ai", "other"));
        assertThat(REFUSED.toBuilder().build()).isEqualTo(REFUSED);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedGettersReadTheDetails() {
        KgatewayApiException failed = new BackendConflictException("conflict", "stale", "ai", "openai", null);

        assertThat(failed.getCode()).isEqualTo(failed.details().code()).isEqualTo(409);
        assertThat(failed.getReason()).isEqualTo(failed.details().reason()).isEqualTo("Conflict");
        assertThat(failed.getServerMessage()).isEqualTo("stale");
        assertThat(failed.getNamespace()).isEqualTo("ai");
        assertThat(failed.getName()).isEqualTo("openai");
    }

    @Test
    @SuppressWarnings("deprecation")
    void aRejectedBackendsDeprecatedGettersReadTheSameDetailsThroughTheSharedInterface() {
        HasApiErrorDetails rejected = new BackendRejectedException("rejected", List.of(), 422, "Invalid", "is invalid", "ai", "openai", null);

        assertThat(List.of(rejected.getCode(), rejected.getReason(), rejected.getServerMessage(), rejected.getNamespace(), rejected.getName()))
                .containsExactly(422, "Invalid", "is invalid", "ai", "openai");
    }
}
