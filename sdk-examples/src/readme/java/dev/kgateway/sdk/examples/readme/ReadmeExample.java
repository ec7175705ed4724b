package dev.kgateway.sdk.examples.readme;

import dev.kgateway.sdk.client.KgatewayClient;
import dev.kgateway.sdk.client.ListOptions;
import dev.kgateway.sdk.client.NamespacedBackendClient;
import dev.kgateway.sdk.model.AwsAuthType;
import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;

import java.util.List;

/**
 * The example on the README's first screen, verbatim between the markers: a test keeps the two
 * equal, and an integration test compiles and runs this file in a separate consumer project that
 * depends only on the BOM and {@code kgateway-sdk-client}.
 */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        // README:start
        try (KgatewayClient kgw = KgatewayClient.create()) {   // kubeconfig or in-cluster config
            NamespacedBackendClient media = kgw.backends().inNamespace("media");
            media.create(Backend.builder()                      // an AWS Lambda, kgateway v2.4 and later
                .metadata(m -> m.name("thumbnailer").putLabels("team", "media"))
                .spec(s -> s.type(BackendType.AWS)
                    .aws(a -> a.region("eu-west-1").accountId("123456789012")
                        .lambda(l -> l.functionName("thumbnailer").qualifier("live"))
                        .auth(x -> x.type(AwsAuthType.ASSUME_ROLE)
                            .assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/invoker")))))
                .build());
            Backend moved = media.edit("thumbnailer", b -> b            // validated, then written
                .editMetadata(m -> m.putLabels("tier", "gold"))
                .editSpec(s -> s.editAws(a -> a.region("us-east-1"))));
            List<Backend> team = media.list(ListOptions.withLabel("team", "media"));
            System.out.println(team.size() + " Backend(s); thumbnailer is " + moved.getMetadata().getLabels()
                + " in " + moved.getSpec().getAws().getRegion());
            media.delete("thumbnailer");
        }
        // README:end
    }
}
