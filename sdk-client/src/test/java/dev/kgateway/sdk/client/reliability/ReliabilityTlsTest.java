package dev.kgateway.sdk.client.reliability;

import dev.kgateway.sdk.client.KgatewayApiException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.RetryPolicy;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SDK never turns TLS verification off: a client built from a config keeps
 * {@code trustCerts} and {@code disableHostnameVerification} (and the other TLS and credential
 * settings) as given, no main source of sdk-client sets them or installs a trust manager or
 * hostname verifier, and a server whose certificate is not trusted is refused after one
 * connection (the failure is not retried).
 *
 * <p>The untrusted certificate is the one fault here the embedded API server cannot make (it
 * serves plain HTTP only): that test keeps fabric8's {@code KubernetesMockServer} in HTTPS mode,
 * with its self-signed certificate, and no expectations (no request may reach it).
 */
class ReliabilityTlsTest {

    /** Whatever would weaken TLS checks: fabric8's switches and the JDK's hooks. */
    private static final Pattern WEAKENING = Pattern.compile(
            "trustcerts|disablehostnameverification|x509trustmanager|trustmanager|hostnameverifier|sslcontext|insecure",
            Pattern.CASE_INSENSITIVE);

    private static Config config(boolean trustCerts, boolean disableHostnameVerification) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("https://k8s.example:6443")
                .withTrustCerts(trustCerts)
                .withDisableHostnameVerification(disableHostnameVerification)
                .withOauthToken("token-not-logged")
                .withNamespace("ai")
                .build();
    }

    @ParameterizedTest(name = "trustCerts={0}")
    @ValueSource(booleans = {false, true})
    void clientBuiltFromAConfigKeepsItsTlsSettingsAsGiven(boolean given) {
        Config config = config(given, given);

        try (KgatewayClient kgw = KgatewayClient.builder().config(config).build()) {
            Config used = kgw.kubernetesClient().getConfiguration();

            assertThat(used.isTrustCerts()).isEqualTo(given);
            assertThat(used.isDisableHostnameVerification()).isEqualTo(given);
            assertThat(used.getOauthToken()).isEqualTo(config.getOauthToken());
            assertThat(used.getMasterUrl()).isEqualTo(config.getMasterUrl());
            assertThat(used.getTlsVersions()).isEqualTo(config.getTlsVersions());
            assertThat(kgw.toString()).doesNotContain("token-not-logged");
        }
    }

    @Test
    void wrappedClientIsNotReconfigured() {
        try (var fabric8 = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config(false, false)).build();
             KgatewayClient kgw = KgatewayClient.from(fabric8)) {
            assertThat(kgw.kubernetesClient()).isSameAs(fabric8);
            assertThat(fabric8.getConfiguration().isTrustCerts()).isFalse();
            assertThat(fabric8.getConfiguration().isDisableHostnameVerification()).isFalse();
        }
    }

    @Test
    void noMainSourceOfTheClientWeakensTls() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        StringBuilder hits = new StringBuilder();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (WEAKENING.matcher(lines.get(i)).find() && !lines.get(i).trim().startsWith("*")) {
                    hits.append(file).append(':').append(i + 1).append(": ").append(lines.get(i).trim()).append('\n');
                }
            }
        }

        assertThat(files).hasSizeGreaterThan(25);
        assertThat(hits.toString()).as("lines touching TLS checks").isEmpty();
    }

    @Test
    void untrustedServerCertificateIsRefusedAfterOneConnection() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(true); // HTTPS, self-signed certificate
        server.init();
        try (ReliabilityProxy proxy = new ReliabilityProxy(server.getPort());
             KgatewayClient kgw = KgatewayClient.builder()
                     .config(new ConfigBuilder(Config.empty()).withMasterUrl("https://localhost:" + proxy.port()).withTrustCerts(false)
                             .withNamespace("ai").build())
                     .retryPolicy(RetryPolicy.DEFAULT)
                     .build()) {

            KgatewayApiException e = catchThrowableOfType(KgatewayApiException.class, () -> kgw.backends().inNamespace("ai").list());

            assertThat(e.getCode()).isZero();
            assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("tls");
            assertThat(proxy.accepted()).as("connections: a refused certificate is not retried").isEqualTo(1);
            assertThat(server.getRequestCount()).as("requests the server read").isZero();
        } finally {
            server.destroy();
        }
    }
}
