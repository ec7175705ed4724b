package dev.kgateway.sdk.codegen;

/**
 * The schema keywords the generator reads beyond plain JSON Schema. They are documented for
 * schema authors in {@code schema/README.md}.
 */
public final class SchemaKeywords {
    /** Simple (or fully qualified) Java class name of an object or enum schema. */
    public static final String JAVA_TYPE = "javaType";
    /** Java property name for a JSON member whose name is not a good Java name ({@code static}). */
    public static final String JAVA_NAME = "javaName";
    /**
     * Discriminated union on an object: {@code {"discriminator": "type", "members": {"Static":
     * "static", "mistral": null}}}. The discriminator value selects exactly one member block; the
     * other member blocks must be absent. A {@code null} member means "no block for this value".
     */
    public static final String UNION = "x-kgateway-union";
    /**
     * Conditional requirements on an object: {@code [{"when": "lambda", "anyOf": ["accountId",
     * "lambda.accountId"]}, {"unless": "kind", "anyOf": ["secretRef"]}]}. When {@code when} is set
     * (or {@code unless} is absent; always when neither is given), at least one of {@code anyOf} must
     * be set; a dotted name reaches into an object member.
     */
    public static final String REQUIRES = "x-kgateway-requires";
    /**
     * On a member that no kgateway release serves, only the seed schema ({@code aws.lambdaFunctionName}):
     * {@code {"use": "spec.aws.lambda.functionName", "note": "lambda(l -> l.functionName(..))"}}.
     * {@code use} (optional) is the instance path of the member kgateway serves instead; {@code note}
     * says how to write it. The generator requires it on every seed-only member (and refuses it
     * elsewhere), deprecates the member's Java methods naming the replacement and the releases that
     * serve it, and {@code validate()} reports the member (rule {@code seedOnly}).
     */
    public static final String SEED_ONLY = "x-kgateway-seed-only";
    /** CRD facts on the root schema: plural, singular, listKind, scope, categories, printer columns. */
    public static final String CRD = "x-kgateway-crd";
    /** Prefix of every extension keyword of this project; none of them reaches the CRD. */
    public static final String EXTENSION_PREFIX = "x-kgateway-";

    private SchemaKeywords() {
    }
}
