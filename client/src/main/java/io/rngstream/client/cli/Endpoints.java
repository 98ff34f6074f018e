package io.rngstream.client.cli;

/** Where the stack answers, and where that came from (for error messages that tell a person what to fix). */
public record Endpoints(String bootstrapServers, String registryUrl, String origin) {
}
