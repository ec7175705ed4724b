package dev.kgateway.sdk.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default field manager, derived from the application. */
class FieldManagersTest {

    @Test
    void aMainClassGivesItsSimpleNameInKebabCase() {
        assertThat(FieldManagers.fromCommand("com.example.billing.BillingOperator --port 8080")).isEqualTo("billing-operator");
    }

    @Test
    void aJarGivesItsFileNameWithoutTheVersion() {
        assertThat(FieldManagers.fromCommand("/opt/app/routing-controller-1.4.2.jar serve")).isEqualTo("routing-controller");
    }

    @Test
    void aTestRunnerOrNoCommandGivesTheSdksName() {
        assertThat(FieldManagers.fromCommand("/tmp/surefire123/surefirebooter-20261207.jar /tmp/x")).isEqualTo("kgateway-java-sdk");
        assertThat(FieldManagers.fromCommand("org.codehaus.plexus.classworlds.launcher.Launcher -B verify")).isEqualTo("kgateway-java-sdk");
        assertThat(FieldManagers.fromCommand(null)).isEqualTo("kgateway-java-sdk");
        assertThat(FieldManagers.fromCommand("  ")).isEqualTo("kgateway-java-sdk");
    }
}
