package dev.kgateway.sdk.validation;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A release validator refuses what kube-apiserver refuses in metadata (before the CRD's schema), and
 * reports what the API server accepts but kgateway cannot use as a separate severity.
 */
class ReleaseMetadataAndLimitsTest {

    static Backend web(String name, int port) {
        return Backend.builder().metadata(m -> m.name(name))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(port))))
                .build();
    }

    static List<Violation> onV24(Backend b) {
        return KgatewayRelease.V2_4.validator().validate(b);
    }

    @Test
    void aBackendWithoutNameOrGenerateNameIsRefused() {
        Backend nameless = web("x", 80).editMetadata(m -> m.name(null));

        assertThat(onV24(nameless)).extracting(Violation::path, Violation::rule, Violation::message)
                .containsExactly(tuple("metadata.name", ViolationTypes.REQUIRED, "Required value: name or generateName is required"),
                        tuple("<nil>", ViolationTypes.INVALID, KeywordsTest.NOT_CHECKED.substring("<nil>: ".length())));
        assertThat(onV24(nameless.editMetadata(m -> m.generateName("web-")))).isEmpty();
    }

    @Test
    void aNameThatIsNoDns1123SubdomainIsRefusedInTheServersWords() {
        assertThat(onV24(web("My_Backend", 80))).extracting(Violation::path, Violation::rule, Violation::message)
                .containsExactly(tuple("metadata.name", ViolationTypes.INVALID, "Invalid value: \"My_Backend\": a lowercase RFC 1123 subdomain"
                        + " must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                        + " character (e.g. 'example.com', regex used for validation is"
                        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        assertThat(onV24(web("a".repeat(254), 80))).extracting(Violation::message)
                .contains("Invalid value: \"" + "a".repeat(254) + "\": must be no more than 253 characters");
    }

    @Test
    void badLabelAndAnnotationKeysAndValuesAreRefused() {
        Backend labelled = web("web", 80).editMetadata(m -> m.putLabels("bad key!", "ok").putLabels("team", "-bad-")
                .putAnnotations("example.com/ok", "anything at all").putAnnotations("a/b/c", "x"));

        assertThat(onV24(labelled)).extracting(Violation::path, Violation::value)
                .containsExactlyInAnyOrder(tuple("metadata.labels", "bad key!"), tuple("metadata.labels", "-bad-"),
                        tuple("metadata.annotations", "a/b/c"));
        assertThat(onV24(web("web", 80).editMetadata(m -> m.putAnnotations("big", "x".repeat(256 * 1024)))))
                .extracting(Violation::path, Violation::message)
                .containsExactly(tuple("metadata.annotations", "Too long: may not be more than 262144 bytes"),
                        tuple("<nil>", KeywordsTest.NOT_CHECKED.substring("<nil>: ".length())));
    }

    @Test
    void aPortAboveTheEnvoyRangeIsUnusableNotACrdViolation() {
        List<Violation> found = onV24(web("web", 70000));

        assertThat(found).extracting(Violation::path, Violation::rule, Violation::severity, Violation::value)
                .containsExactly(tuple("spec.static.hosts[0].port", ViolationTypes.UNUSABLE, Violation.Severity.UNUSABLE, "70000"));
        assertThat(found.get(0)).hasToString("spec.static.hosts[0].port: KgatewayUnusable: the API server accepts this,"
                + " kgateway cannot use it: a port must be between 1 and 65535 (was \"70000\")");
        // the SDK's own CRD bounds the port: there the CRD's violation alone speaks
        assertThat(KgatewayRelease.SDK.validator().validate(web("web", 70000))).extracting(Violation::severity)
                .containsExactly(Violation.Severity.ERROR);
        assertThat(onV24(web("web", 65535))).isEmpty();
    }
}
