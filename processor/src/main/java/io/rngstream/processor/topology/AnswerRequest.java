package io.rngstream.processor.topology;

import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.audit.RequestSource;
import io.rngstream.processor.generation.Draw;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.topology.DecodedRequest.Readable;
import io.rngstream.processor.validation.Rejection;
import io.rngstream.processor.validation.RequestValidator;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Step 2a: route, validate and draw; emits the reply and its audit record as one {@link Answer}. */
final class AnswerRequest implements FixedKeyProcessor<byte[], DecodedRequest, Answer> {
  private final ReplyRouter router;
  private final RequestValidator validator;
  private final NumberDrawer drawer;
  private final AuditRecords auditRecords;
  private final RequestObserver observer;
  private final Clock clock;
  private FixedKeyProcessorContext<byte[], Answer> context;

  AnswerRequest(final ReplyRouter router, final RequestValidator validator, final NumberDrawer drawer,
      final AuditRecords auditRecords, final RequestObserver observer, final Clock clock) {
    this.router = router;
    this.validator = validator;
    this.drawer = drawer;
    this.auditRecords = auditRecords;
    this.observer = observer;
    this.clock = clock;
  }

  @Override
  public void init(final FixedKeyProcessorContext<byte[], Answer> context) {
    this.context = context;
  }

  @Override
  public void process(final FixedKeyRecord<byte[], DecodedRequest> record) {
    final RandomRequest request = ((Readable) record.value()).request();
    final RecordMetadata metadata = context.recordMetadata().orElseThrow();
    try (RequestObserver.InFlight inFlight =
        observer.begin(record.headers(), metadata.topic(), metadata.partition(), metadata.offset())) {
      final ReplyRoute route = router.route(record.headers());
      final RequestSource source = new RequestSource(metadata.topic(), metadata.partition(), metadata.offset(),
          Instant.ofEpochMilli(record.timestamp()), route.correlationId(), inFlight.traceId());

      final Optional<Rejection> rejection = route.rejection().or(() -> validator.validate(request));
      final RandomReply reply = rejection
          .map(reason -> rejected(request, source, reason))
          .orElseGet(() -> drawn(request, source, inFlight.draw(() -> drawer.draw(request), request.getCount(),
              new DrawSpec(request.getMin(), request.getMax(), request.getCount(), request.getUnique()).rangeBits())));

      final Answer answer = new Answer(new RoutedReply(route.topic(), route.partition(), reply),
          auditRecords.of(request, reply, source, route.topic()));
      final RecordHeaders headers = new RecordHeaders();
      if (route.correlationId() != null) {
        headers.add(Headers.CORRELATION_ID, route.correlationId());
      }
      inFlight.injectInto(headers);
      context.forward(record.withValue(answer).withHeaders(headers));

      // forward() returns once both records were handed to the producer: that is where latency ends.
      inFlight.answered(new RequestObserver.Answered(request.getRequestId(), request.getClientId(),
          route.correlationId(), rejection.isEmpty() ? "ok" : "rejected",
          rejection.map(reason -> reason.code().name()).orElse("none"),
          request.getMin(), request.getMax(), request.getCount(), source.receivedAt()));
    }
  }

  private RandomReply drawn(final RandomRequest request, final RequestSource source, final Draw draw) {
    return base(request, source)
        .setStatus(ReplyStatus.OK)
        .setNumbers(draw.numbers())
        .setSeed(ByteBuffer.wrap(draw.seed()))
        .setSeedSource(draw.seedSource())
        .build();
  }

  private RandomReply rejected(final RandomRequest request, final RequestSource source, final Rejection rejection) {
    return base(request, source)
        .setStatus(ReplyStatus.REJECTED)
        .setError(rejection.toAvro())
        .setNumbers(List.of())
        .build();
  }

  private RandomReply.Builder base(final RandomRequest request, final RequestSource source) {
    return RandomReply.newBuilder()
        .setRequestId(request.getRequestId())
        .setClientId(request.getClientId())
        .setMin(request.getMin())
        .setMax(request.getMax())
        .setCount(request.getCount())
        .setUnique(request.getUnique())
        .setAlgorithm(drawer.algorithmId())
        .setSerial(source.serial())
        .setUserData(request.getUserData())
        .setGeneratedAt(clock.instant());
  }
}
