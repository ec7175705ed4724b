package dev.kgateway.sdk.kubeapiserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real {@link KubeApiServer}, injected into fields and parameters of
 * that type. Without the programs (see {@link KubeApiServer#binaries()}) the class is aborted with
 * the reason, or fails when system property {@code kgateway.sdk.kubeApiServer.required} is
 * {@code true} (as in the SDK's CI), so a missing server is never a silent pass.
 *
 * <pre>{@code
 * @KubeApiServerTest
 * class OnTheRealServerTest {
 *     KubeApiServer server;                       // shared by every class of the JVM that asks for no flags
 *
 *     @Test
 *     void listsNamespaces() {
 *         try (KubernetesClient client = new KubernetesClientBuilder().withConfig(server.config()).build()) {
 *             assertThat(client.namespaces().list().getItems()).isNotEmpty();
 *         }
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubeApiServerExtension.class)
public @interface KubeApiServerTest {

    /**
     * @return kube-apiserver flags as {@code name=value} (such as {@code max-requests-inflight=1}); a class with
     *         flags, or with {@link #dedicated()}, gets a server of its own, stopped after the class
     */
    String[] flags() default {};

    /**
     * @return more users, each {@code name} or {@code name:group1,group2}, with tokens of their own (beside
     *         {@value KubeApiServer#ADMIN} and {@value KubeApiServer#RESTRICTED}); a class with users gets a server of its own
     */
    String[] users() default {};

    /** @return whether the class gets a server of its own (for tests that restart or stop it) */
    boolean dedicated() default false;
}
