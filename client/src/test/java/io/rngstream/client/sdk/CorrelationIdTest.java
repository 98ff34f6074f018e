package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CorrelationIdTest {
  @Test
  void roundTripsThroughSixteenHeaderBytes() {
    final CorrelationId id = CorrelationId.random(new SecureRandom());

    assertThat(id.toBytes()).hasSize(16);
    assertThat(CorrelationId.fromBytes(id.toBytes())).contains(id);
    assertThat(id.toString()).hasSize(32);
  }

  @Test
  void readsNothingFromHeadersOfAnotherLength() {
    assertThat(CorrelationId.fromBytes(null)).isEmpty();
    assertThat(CorrelationId.fromBytes(new byte[15])).isEmpty();
    assertThat(CorrelationId.fromBytes(new byte[17])).isEmpty();
  }
}
