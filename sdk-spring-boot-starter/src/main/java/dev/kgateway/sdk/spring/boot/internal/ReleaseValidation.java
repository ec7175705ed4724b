package dev.kgateway.sdk.spring.boot.internal;

import dev.kgateway.sdk.client.CrdValidation;
import dev.kgateway.sdk.validation.KgatewayRelease;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code kgateway.validation.mode=kgateway-release}: the release line named by {@code kgateway.validation.release}. */
public final class ReleaseValidation {

    private ReleaseValidation() {
    }

    /**
     * @param release a release line as users write it: {@code v2.3}, {@code 2.3}, {@code V2_3} or {@code main}
     * @return validation against that release's bundled Backend CRD
     * @throws IllegalStateException when the name is missing or no bundled release has it
     */
    public static CrdValidation of(String release) {
        if (release == null || release.isBlank()) {
            throw new IllegalStateException("kgateway.validation.mode=KGATEWAY_RELEASE needs kgateway.validation.release"
                    + " (one of " + names() + ")");
        }
        String key = release.trim().toUpperCase(Locale.ROOT).replace('.', '_');
        key = key.startsWith("V") || key.equals("MAIN") || key.equals("SDK") ? key : "V" + key;
        try {
            return CrdValidation.release(KgatewayRelease.valueOf(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kgateway.validation.release=" + release + " is not a bundled kgateway release line"
                    + " (one of " + names() + ")");
        }
    }

    private static String names() {
        return Arrays.stream(KgatewayRelease.values()).filter(r -> r != KgatewayRelease.SDK)
                .map(r -> r == KgatewayRelease.MAIN ? "main" : "v" + r.name().substring(1).replace('_', '.'))
                .collect(Collectors.joining(", "));
    }
}
