package io.rngstream.processor;

import io.rngstream.avro.RandomRequest;
import java.time.Instant;

/** Valid requests to start a test from. */
public final class TestRequests {
  private TestRequests() {
  }

  /** A valid request for three dice, to be adjusted by the test. */
  public static RandomRequest.Builder dice(final String requestId) {
    return RandomRequest.newBuilder()
        .setRequestId(requestId)
        .setClientId("client-a")
        .setMin(1)
        .setMax(6)
        .setCount(3)
        .setUnique(false)
        .setSeed(null)
        .setUserData(null)
        .setRequestedAt(Instant.parse("2026-12-04T12:00:00Z"));
  }
}
