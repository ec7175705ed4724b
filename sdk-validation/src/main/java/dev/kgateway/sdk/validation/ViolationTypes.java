package dev.kgateway.sdk.validation;

/**
 * The {@link dev.kgateway.sdk.model.Violation#rule()} values a {@link CrdValidator} reports: the cause
 * types kube-apiserver puts in a 422 answer's {@code details.causes[].reason} (so a violation found
 * locally compares equal in path, rule and message to the one the server would send), plus
 * {@link #PRUNED}, which the server never reports as an error.
 *
 * <pre>{@code
 * validator.validate(backend).stream()
 *         .filter(v -> v.rule().equals(ViolationTypes.PRUNED))
 *         .forEach(v -> System.err.println("the cluster would drop " + v.path()));
 * }</pre>
 */
public final class ViolationTypes {

    /** {@code Required value}: a required member is missing (or a CEL rule with reason FieldValueRequired failed). */
    public static final String REQUIRED = "FieldValueRequired";
    /** {@code Invalid value}: pattern, length, range, format, or a CEL rule failed. */
    public static final String INVALID = "FieldValueInvalid";
    /** {@code Invalid value: ... must be of type ...}: the JSON type is wrong. */
    public static final String TYPE_INVALID = "FieldValueTypeInvalid";
    /** {@code Unsupported value}: not one of the {@code enum} values. */
    public static final String NOT_SUPPORTED = "FieldValueNotSupported";
    /** {@code Too long}: over {@code maxLength}. */
    public static final String TOO_LONG = "FieldValueTooLong";
    /** {@code Too many}: over {@code maxItems} or {@code maxProperties}. */
    public static final String TOO_MANY = "FieldValueTooMany";
    /** {@code Duplicate value}: a repeated item of an {@code x-kubernetes-list-type} set or map. */
    public static final String DUPLICATE = "FieldValueDuplicate";
    /** {@code Forbidden}: a CEL rule with reason FieldValueForbidden failed. */
    public static final String FORBIDDEN = "FieldValueForbidden";
    /**
     * The SDK's own type: a member the CRD does not declare, which the server would drop without an
     * error (message {@code unknown field "spec.x"}, the text of the server's warning).
     */
    public static final String PRUNED = "FieldValuePruned";

    /**
     * The SDK's own type, of severity {@link dev.kgateway.sdk.model.Violation.Severity#UNUSABLE}: the API
     * server accepts the value (the CRD sets no such rule), but kgateway cannot use it, such as a
     * static host port of 70000. The server never reports it.
     */
    public static final String UNUSABLE = "KgatewayUnusable";

    private ViolationTypes() {
    }
}
