/**
 * The {@code ./rng} command line: the client's commands plus {@code demo}, {@code up} and {@code processor}.
 * The only module that puts devstack, processor and client on one classpath; nothing depends on it.
 */
package io.rngstream.launcher;
