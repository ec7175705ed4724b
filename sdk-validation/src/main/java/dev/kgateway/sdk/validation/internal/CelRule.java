package dev.kgateway.sdk.validation.internal;

import dev.cel.runtime.CelRuntime;

import javax.annotation.Nullable;

/**
 * One {@code x-kubernetes-validations} entry, compiled once: the rule's program, its optional
 * message expression, and what kube-apiserver needs to report a failure.
 *
 * @param source            the rule text
 * @param program           the compiled rule
 * @param message           the static message, or {@code null}
 * @param messageExpression the compiled messageExpression, or {@code null}
 * @param reason            FieldValueInvalid, FieldValueForbidden, FieldValueRequired or FieldValueDuplicate; {@code null} means Invalid
 * @param fieldPath         the rule's fieldPath, parsed against the schema ({@code null} when absent)
 * @param usesOldSelf       a transition rule: evaluated only on update, when the old value exists
 * @param optionalOldSelf   {@code optionalOldSelf: true}: also evaluated on create, with {@code oldSelf} an empty optional
 */
public record CelRule(String source, CelRuntime.Program program, @Nullable String message,
                      @Nullable CelRuntime.Program messageExpression, @Nullable String reason,
                      @Nullable RelativePath fieldPath, boolean usesOldSelf, boolean optionalOldSelf) {

    /** kube-apiserver's {@code ruleMessageOrDefault}: the message, else {@code failed rule: <rule>}. */
    public String messageOrDefault() {
        return message != null && !message.isBlank() ? message.strip() : "failed rule: " + source.strip();
    }

    /** kube-apiserver's {@code ruleErrorString}: the message, else the rule. */
    public String errorString() {
        return message != null && !message.isBlank() ? message.strip() : source.strip();
    }
}
