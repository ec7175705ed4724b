package dev.kgateway.sdk.client;

/**
 * What the API server does with members of a written Backend that its CRD does not declare (a
 * misspelt {@code wieght}, a member of a newer kgateway release): the {@code fieldValidation}
 * parameter of every create, update, patch and apply the client sends.
 *
 * <pre>{@code
 * KgatewayClient kgw = KgatewayClient.builder().fieldValidation(FieldValidation.WARN).build();
 * }</pre>
 */
public enum FieldValidation {
    /** Refuse the write (HTTP 400, reported as {@link BackendRejectedException} naming each field); the default, as kubectl's. */
    STRICT("Strict"),
    /** Write, dropping the members, and send a warning for each (heard by {@link KgatewayClientListener#onWarning}, logged). */
    WARN("Warn"),
    /** Write, dropping the members silently. */
    IGNORE("Ignore");

    private final String parameter;

    FieldValidation(String parameter) {
        this.parameter = parameter;
    }

    /** @return the value of the {@code fieldValidation} query parameter */
    public String parameter() {
        return parameter;
    }
}
