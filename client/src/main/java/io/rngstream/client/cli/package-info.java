/**
 * The client commands, built on picocli: {@code rng draw}, {@code rng audit tail|verify|replay} and
 * {@code rng verify-reply}. Public so that the launcher can mount them under its root {@code rng} command.
 * Uses the SDK's public API, {@code io.rngstream.client.audit} and core; no processor or devstack imports.
 */
package io.rngstream.client.cli;
