package dev.kgateway.sdk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamFixturesTest {

    static Stream<Fixtures.Doc> docs() {
        return Fixtures.all().stream();
    }

    @Test
    void fixturesAreFoundForSeveralLines() {
        assertThat(Fixtures.all()).extracting(Fixtures.Doc::release)
                .contains(KgatewayRelease.MAIN, KgatewayRelease.V2_0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docs")
    void everyUpstreamBackendValidatesCleanAgainstItsOwnRelease(Fixtures.Doc doc) {
        assertThat(doc.release().validator().validate(doc.tree())).isEmpty();
    }

}
