package io.rngstream.devstack;

import java.util.Objects;

/** Where a running stack answers: the Kafka bootstrap servers and the registry's v3 REST base URL. */
public record StackEndpoints(String bootstrapServers, String registryUrl) {

    public StackEndpoints {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
    }
}
