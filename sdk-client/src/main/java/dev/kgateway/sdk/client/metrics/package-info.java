/**
 * Micrometer metrics for the kgateway client ({@link dev.kgateway.sdk.client.metrics.MicrometerClientListener}).
 * Micrometer is an optional dependency: only this package uses it.
 */
package dev.kgateway.sdk.client.metrics;
