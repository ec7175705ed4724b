package dev.kgateway.sdk.client.kubeapiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kgateway.sdk.KgatewayException;
import dev.kgateway.sdk.client.BackendWatch;
import dev.kgateway.sdk.client.BackendWatchListener;
import dev.kgateway.sdk.client.KgatewayAuthorizationException;
import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.kubeapiserver.KubeApiServer;
import dev.kgateway.sdk.kubeapiserver.KubeApiServerTest;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A watch whose user loses the right to watch: fabric8 would reconnect for ever; the SDK's watch ends and says why. */
@KubeApiServerTest(users = WatchRefusedOnKubeApiServerTest.WATCHER)
class WatchRefusedOnKubeApiServerTest {

    static final String WATCHER = "watcher";

    KubeApiServer server;

    @Test
    void aWatchWhoseUserLostItsRbacEndsWithTheRefusal() {
        String ns = RealCluster.namespace(server);
        try (KubernetesClient admin = RealCluster.fabric8(server);
             KgatewayClient setup = RealCluster.client(server)) {
            admin.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName("watch-backends").endMetadata()
                    .addNewRule().withApiGroups("gateway.kgateway.dev").withResources("backends").withVerbs("get", "list", "watch").endRule()
                    .build()).create();
            admin.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata().withName("watcher").endMetadata()
                    .withNewRoleRef("rbac.authorization.k8s.io", "Role", "watch-backends")
                    .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(WATCHER).endSubject()
                    .build()).create();
            List<KgatewayException> closes = new CopyOnWriteArrayList<>();
            try (KgatewayClient watcher = KgatewayClient.builder().config(server.config(WATCHER)).retryPolicy(RealCluster.QUICK).build();
                 BackendWatch watch = watcher.backends().inNamespace(ns).watch(new BackendWatchListener() {
                     @Override
                     public void onEvent(dev.kgateway.sdk.client.BackendEvent event) {
                     }

                     @Override
                     public void onClose(KgatewayException cause) {
                         closes.add(cause);
                     }
                 })) {
                assertThat(watch.isOpen()).isTrue();
                admin.rbac().roleBindings().inNamespace(ns).withName("watcher").delete();
                server.restart();                                   // the open watch breaks; fabric8 reconnects and is refused

                await().atMost(Duration.ofSeconds(30)).until(() -> !watch.isOpen());
                assertThat(closes).singleElement().isInstanceOfSatisfying(KgatewayAuthorizationException.class,
                        e -> assertThat(e.getCode()).isEqualTo(403));
            }
        }
    }
}
