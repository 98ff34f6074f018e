package io.rngstream.processor.topology;

import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.audit.RequestSource;
import io.rngstream.processor.generation.Draw;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.TraceParent;
import io.rngstream.processor.topology.DecodedRequest.Readable;
import io.rngstream.processor.validation.Rejection;
import io.rngstream.processor.validation.RequestValidator;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 2a: route, validate and draw; emits the reply and its audit record as one {@link Answer}. */
final class AnswerRequest implements FixedKeyProcessor<byte[], DecodedRequest, Answer> {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerRequest.class);

  private final ReplyRouter router;
  private final RequestValidator validator;
  private final NumberDrawer drawer;
  private final AuditRecords auditRecords;
  private final Clock clock;
  private FixedKeyProcessorContext<byte[], Answer> context;

  AnswerRequest(final ReplyRouter router, final RequestValidator validator, final NumberDrawer drawer,
      final AuditRecords auditRecords, final Clock clock) {
    this.router = router;
    this.validator = validator;
    this.drawer = drawer;
    this.auditRecords = auditRecords;
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
    final ReplyRoute route = router.route(record.headers());
    final byte[] traceparent = lastValue(record.headers(), Headers.TRACEPARENT);
    final RequestSource source = new RequestSource(metadata.topic(), metadata.partition(), metadata.offset(),
        Instant.ofEpochMilli(record.timestamp()), route.correlationId(), TraceParent.traceId(traceparent).orElse(null));

    final Optional<Rejection> rejection = route.rejection().or(() -> validator.validate(request));
    final RandomReply reply = rejection
        .map(reason -> rejected(request, source, reason))
        .orElseGet(() -> drawn(request, source, drawer.draw(request)));

    rejection.ifPresentOrElse(
        reason -> LOG.info("Rejected request {} of client {} from {}: {} {}", request.getRequestId(),
            request.getClientId(), source.serial(), reason.code(), reason.message()),
        () -> LOG.debug("Answered request {} of client {} from {}", request.getRequestId(), request.getClientId(),
            source.serial()));

    final Answer answer = new Answer(new RoutedReply(route.topic(), route.partition(), reply),
        auditRecords.of(request, reply, source, route.topic()));
    context.forward(record.withValue(answer).withHeaders(replyHeaders(record.headers(), route)));
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

  /** The reply carries the caller's correlation id and trace context, and nothing else of the request's headers. */
  private static org.apache.kafka.common.header.Headers replyHeaders(
      final org.apache.kafka.common.header.Headers requestHeaders, final ReplyRoute route) {
    final RecordHeaders headers = new RecordHeaders();
    if (route.correlationId() != null) {
      headers.add(Headers.CORRELATION_ID, route.correlationId());
    }
    for (final String traceHeader : List.of(Headers.TRACEPARENT, Headers.TRACESTATE)) {
      final byte[] value = lastValue(requestHeaders, traceHeader);
      if (value != null) {
        headers.add(traceHeader, value);
      }
    }
    return headers;
  }

  private static byte[] lastValue(final org.apache.kafka.common.header.Headers headers, final String key) {
    final Header header = headers.lastHeader(key);
    return header == null ? null : header.value();
  }
}
