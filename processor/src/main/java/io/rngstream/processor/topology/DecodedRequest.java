package io.rngstream.processor.topology;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.protocol.DeadLetterReason;

/** A request record after decoding: a request to answer, or bytes for the dead-letter topic. */
sealed interface DecodedRequest {

  /** A RandomRequest that decoded. */
  record Readable(RandomRequest request) implements DecodedRequest {
  }

  /** A record that cannot be answered, with the reason and its original value. */
  record Unreadable(DeadLetterReason reason, String message, byte[] original) implements DecodedRequest {
  }
}
