/**
 * Types shared by every module of the kgateway SDK: {@link dev.kgateway.sdk.KgatewayException}, the
 * root of all SDK exceptions. The model is in {@code dev.kgateway.sdk.model}, the client in
 * {@code dev.kgateway.sdk.client}.
 */
package dev.kgateway.sdk;
