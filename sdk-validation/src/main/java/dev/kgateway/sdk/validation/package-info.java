/**
 * Offline validation of Backends against a Backend CustomResourceDefinition, as kube-apiserver
 * validates them: {@link dev.kgateway.sdk.validation.CrdValidator} (structural schema, CEL rules,
 * pruning, defaults) and {@link dev.kgateway.sdk.validation.KgatewayRelease} (the CRD of every
 * kgateway release line, bundled).
 *
 * <pre>{@code
 * KgatewayRelease.V2_3.validator().validate(backend).forEach(System.err::println);
 * }</pre>
 */
package dev.kgateway.sdk.validation;
