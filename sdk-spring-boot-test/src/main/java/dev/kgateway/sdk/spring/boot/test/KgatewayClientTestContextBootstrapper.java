package dev.kgateway.sdk.spring.boot.test;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Reads {@link KgatewayClientTest#properties()} into the test's environment. */
final class KgatewayClientTestContextBootstrapper extends TestSliceTestContextBootstrapper<KgatewayClientTest> {
}
