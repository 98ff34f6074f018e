package io.rngstream.bench.jmh;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.audit.ChainLink;
import io.rngstream.core.audit.ReplySigner;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.core.signing.SigningKey;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.audit.RequestSource;
import io.rngstream.processor.generation.Draw;
import io.rngstream.processor.generation.NumberDrawer;
import java.nio.ByteBuffer;
import java.time.Instant;

/** A request, its signed reply and its audit record as the processor makes them, for the benchmarks to reuse. */
final class Samples {
  private Samples() {
  }

  static RandomRequest request(final int count, final boolean unique) {
    return RandomRequest.newBuilder()
        .setRequestId("bench-request-0001")
        .setClientId("bench-client")
        .setMin(1)
        .setMax(1_000_000)
        .setCount(count)
        .setUnique(unique)
        .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  static RandomReply unsignedReply(final RandomRequest request) {
    final Draw draw = new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator()).draw(request);
    return RandomReply.newBuilder()
        .setRequestId(request.getRequestId())
        .setClientId(request.getClientId())
        .setStatus(ReplyStatus.OK)
        .setNumbers(draw.numbers())
        .setMin(request.getMin())
        .setMax(request.getMax())
        .setCount(request.getCount())
        .setUnique(request.getUnique())
        .setSeed(ByteBuffer.wrap(draw.seed()))
        .setSeedSource(draw.seedSource())
        .setAlgorithm(draw.algorithm())
        .setSerial("0:42")
        .setGeneratedAt(Instant.parse("2026-01-01T00:00:00.005Z"))
        .build();
  }

  static AuditRecord linkedAudit(final RandomRequest request, final RandomReply signed) {
    final RequestSource source = new RequestSource("rng.requests.v1", 0, 42, Instant.parse("2026-01-01T00:00:00.001Z"),
        new byte[16], null);
    final AuditRecord unlinked = new AuditRecords("bench", "0.1.0").of(request, signed, source, "rng.replies.v1");
    return ChainLink.link(0, null, unlinked);
  }

  static RandomReply signed(final RandomReply unsigned, final SigningKey key) {
    return ReplySigner.sign(unsigned, key);
  }
}
