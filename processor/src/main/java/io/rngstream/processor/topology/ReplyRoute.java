package io.rngstream.processor.topology;

import io.rngstream.processor.validation.Rejection;
import java.util.Optional;

/**
 * Where a reply goes: a topic, and a partition when the caller asked for one. A route that the caller's
 * headers did not allow carries the rejection and points at the default reply topic.
 */
record ReplyRoute(String topic, Integer partition, byte[] correlationId, Optional<Rejection> rejection) {
}
