package dev.kgateway.sdk.spring.boot;

import io.netty.util.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Boot's BOM is imported after the SDK's: the SDK's tested Jackson 3 and Netty win. */
class DependencyVersionsTest {

    @Test
    void jackson3IsTheSdksNotSpringBoots() {
        assertThat(tools.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo(System.getProperty("sdk.jackson.version"));
    }

    @Test
    void nettyIsTheOneOfFabric8sVertxClientNotSpringBoots() {
        assertThat(Version.identify().get("netty-codec-http").artifactVersion()).isEqualTo(System.getProperty("sdk.netty.version"));
    }
}
