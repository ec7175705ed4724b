package dev.kgateway.sdk.validation.internal;

import dev.kgateway.sdk.model.Violation;
import dev.kgateway.sdk.validation.ViolationTypes;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What a release's CRD lets in but no kgateway release can use (the CRDs of v2.1 and later set no
 * bound on a static host's port; Envoy ports are 1..65535): findings of severity
 * {@link Violation.Severity#UNUSABLE}, reported only where the CRD found nothing at that path.
 */
public final class KgatewayLimits {

    private KgatewayLimits() {
    }

    /** Adds the findings about {@code document} (already pruned and defaulted) to {@code out}. */
    public static void check(JsonNode document, List<Violation> out) {
        JsonNode hosts = document.path("spec").path("static").path("hosts");
        for (int i = 0; i < hosts.size(); i++) {
            JsonNode port = hosts.get(i).path("port");
            String at = "spec.static.hosts[" + i + "].port";
            if (port.isIntegralNumber() && (port.asLong() < 1 || port.asLong() > 65535)
                    && out.stream().noneMatch(v -> v.path().equals(at))) {
                out.add(new Violation(at, ViolationTypes.UNUSABLE, "a port must be between 1 and 65535", port.asString(),
                        Violation.Severity.UNUSABLE));
            }
        }
    }
}
