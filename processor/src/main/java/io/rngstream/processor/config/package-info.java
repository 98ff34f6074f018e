/**
 * Configuration: parsed once at start from defaults, an optional file and the environment into immutable, validated records.
 * Nothing outside this package reads environment variables or raw properties.
 */
package io.rngstream.processor.config;
