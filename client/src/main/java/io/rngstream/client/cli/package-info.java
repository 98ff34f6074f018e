/**
 * The {@code rng draw} (and {@code rng audit tail}) commands, built on picocli and the SDK. Public so that the
 * launcher can mount them under its root {@code rng} command. Uses the SDK's public API only; no processor imports.
 */
package io.rngstream.client.cli;
