package io.rngstream.processor.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceParentTest {
  @Test
  void readsTheTraceIdOfAValidHeader() {
    final byte[] header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII);
    assertThat(TraceParent.traceId(header)).contains("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void ignoresMalformedOrAllZeroHeaders() {
    assertThat(TraceParent.traceId(null)).isEmpty();
    assertThat(TraceParent.traceId("garbage".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(TraceParent.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(TraceParent.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }
}
