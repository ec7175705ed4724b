package dev.kgateway.sdk.test;

import dev.kgateway.sdk.embeddedapiserver.Admission;
import dev.kgateway.sdk.embeddedapiserver.CrdAdmission;
import dev.kgateway.sdk.validation.KgatewayRelease;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against an embedded API server ({@link KgatewayTestServer}) with the Backend
 * CRD installed: one server per class (or per test method with {@link #serverPerMethod()}), a
 * fresh namespace for every test, and injection of {@link KgatewayTestServer},
 * {@link dev.kgateway.sdk.client.KgatewayClient}, fabric8's
 * {@link io.fabric8.kubernetes.client.KubernetesClient} and the {@link TestNamespace} into fields
 * and parameters. No kubeconfig is read. Safe under JUnit's parallel execution: tests of a class
 * share the server, each works in its own namespace.
 *
 * <pre>{@code
 * @KgatewayTest
 * class MyControllerTest {
 *     KgatewayClient kgw;
 *     @TestNamespace String ns;
 *
 *     @Test
 *     void appliesItsBackend(KgatewayTestServer server) {
 *         new MyController(kgw).reconcile(ns);
 *         assertThat(kgw.backends().inNamespace(ns).get("openai")).isPresent();
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KgatewayExtension.class)
public @interface KgatewayTest {

    /**
     * @return the server the class runs on: {@link TestServerKind#DEFAULT} (the run chooses, embedded unless
     *         {@code -Dkgateway.sdk.test.server=kube-apiserver}), {@link TestServerKind#EMBEDDED} or
     *         {@link TestServerKind#KUBE_APISERVER}. On the real one, {@link #crds()} and {@link #release()} are
     *         installed in a kube-apiserver shared by the JVM; {@link #admission()}, {@link #watchHistory()},
     *         {@link #bookmarkIntervalMillis()} and {@link #serverPerMethod()} belong to the embedded server and
     *         a {@link KgatewayTestServer} cannot be injected (its faults and request log are the embedded server's)
     */
    TestServerKind server() default TestServerKind.DEFAULT;

    /** @return whether each test method gets its own server (default: one per class) */
    boolean serverPerMethod() default false;

    /** @return classpath locations of the CRDs to install; default the SDK's Backend CRD */
    String[] crds() default {KgatewayTestServer.SDK_BACKEND_CRD};

    /**
     * @return the kgateway release whose Backend CRD is installed in place of the SDK's (in {@link #crds()}), such as
     *         {@code KgatewayRelease.V2_3}: writes are pruned, defaulted and validated as on a cluster of that release
     */
    KgatewayRelease release() default KgatewayRelease.SDK;

    /**
     * @return the admission checking custom resources (needs a public no-argument constructor); default
     *         {@link CrdAdmission}, the installed CRD's pruning, defaults, schema and CEL rules
     */
    Class<? extends Admission> admission() default CrdAdmission.class;

    /** @return how many changes the server keeps for watches to resume from */
    int watchHistory() default 1000;

    /** @return milliseconds between BOOKMARK events to watches that allow them; 0 sends them only on demand */
    long bookmarkIntervalMillis() default 1000;
}
