package io.rngstream.processor.topology;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.core.audit.ChainLink;
import io.rngstream.core.audit.ReplySigner;
import io.rngstream.core.signing.SigningKey;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.protocol.Headers;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.audit.RequestFingerprint;
import io.rngstream.processor.audit.RequestSource;
import io.rngstream.processor.generation.Draw;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.ratelimit.TokenBuckets;
import io.rngstream.processor.topology.DecodedRequest.Readable;
import io.rngstream.processor.validation.Rejection;
import io.rngstream.processor.validation.RequestValidator;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Step 2a: route, recall (idempotency), validate, draw, sign, chain. Emits the reply and its audit record as one
 * {@link Answer}, and a signed checkpoint of the audit chain every N records or T seconds.
 */
final class AnswerRequest implements Processor<byte[], DecodedRequest, byte[], Answer> {

  /** Everything the step needs; one per task. */
  record Parts(ReplyRouter router, RequestValidator validator, NumberDrawer drawer, SigningKey signingKey,
      AuditRecords auditRecords, RequestObserver observer, Clock clock, int checkpointEveryRecords,
      Duration checkpointInterval, Duration idempotencyWindow, String instanceId, String version, String requestsTopic,
      TokenBuckets buckets, int maxCount) {
  }

  /** How often buckets that have refilled completely are dropped from the store. */
  private static final Duration EVICT_FULL_BUCKETS_EVERY = Duration.ofMinutes(1);

  private final Parts parts;
  private ProcessorContext<byte[], Answer> context;
  private AuditChainStore chain;
  private RequestIdStore requestIds;
  private RateLimitStore rateLimits;

  AnswerRequest(final Parts parts) {
    this.parts = parts;
  }

  @Override
  public void init(final ProcessorContext<byte[], Answer> context) {
    this.context = context;
    this.chain = new AuditChainStore(context.getStateStore(AuditChainStore.NAME), context.taskId().partition());
    this.requestIds = new RequestIdStore(context.getStateStore(RequestIdStore.NAME), parts.idempotencyWindow());
    if (parts.buckets().enabled()) {
      this.rateLimits = new RateLimitStore(context.getStateStore(RateLimitStore.NAME), parts.buckets());
      context.schedule(EVICT_FULL_BUCKETS_EVERY, PunctuationType.WALL_CLOCK_TIME,
          now -> rateLimits.evictFull(parts.clock().millis()));
    }
    context.schedule(parts.checkpointInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
      if (chain.sinceCheckpoint() > 0) {
        forwardCheckpoint(Instant.ofEpochMilli(now));
      }
    });
  }

  @Override
  public void process(final Record<byte[], DecodedRequest> record) {
    final RandomRequest request = ((Readable) record.value()).request();
    final RecordMetadata metadata = context.recordMetadata().orElseThrow();
    try (RequestObserver.InFlight inFlight =
        parts.observer().begin(record.headers(), metadata.topic(), metadata.partition(), metadata.offset())) {
      final ReplyRoute route = parts.router().route(record.headers());
      final RequestSource source = new RequestSource(metadata.topic(), metadata.partition(), metadata.offset(),
          Instant.ofEpochMilli(record.timestamp()), route.correlationId(), inFlight.traceId());

      final Outcome outcome = answer(request, route, source, inFlight);

      final RecordHeaders headers = new RecordHeaders();
      if (route.correlationId() != null) {
        headers.add(Headers.CORRELATION_ID, route.correlationId());
      }
      inFlight.injectInto(headers);
      final AuditRecord audit = appended(outcome.audit(), false);
      context.forward(new Record<>(record.key(), new Answer(new RoutedReply(route.topic(), route.partition(), outcome.reply()),
          audit), record.timestamp(), headers));
      if (chain.sinceCheckpoint() >= parts.checkpointEveryRecords()) {
        forwardCheckpoint(parts.clock().instant());
      }

      // forward() returns once the records were handed to the producer: that is where latency ends.
      inFlight.answered(new RequestObserver.Answered(request.getRequestId(), request.getClientId(),
          route.correlationId(), outcome.label(), outcome.code(),
          request.getMin(), request.getMax(), request.getCount(), source.receivedAt()));
    }
  }

  /** A reply, its unlinked audit record, and the labels operators see. */
  private record Outcome(RandomReply reply, AuditRecord audit, String label, String code) {
  }

  private Outcome answer(final RandomRequest request, final ReplyRoute route, final RequestSource source,
      final RequestObserver.InFlight inFlight) {
    // First, so that no kind of request (bad routing headers included) escapes the client's bucket.
    final Optional<Outcome> limited = rateLimited(request, source, route);
    if (limited.isPresent()) {
      // Not remembered for idempotency: a retry with the same requestId after retryAfterMs must be answered anew.
      return limited.get();
    }
    if (route.rejection().isPresent()) {
      return rejected(request, source, route, route.rejection().get());
    }
    final Optional<RequestIdStore.Remembered> previous =
        requestIds.lookup(request.getClientId(), request.getRequestId(), source.receivedAt());
    final byte[] fingerprint = RequestFingerprint.of(request);
    if (previous.isPresent()) {
      if (Arrays.equals(previous.get().fingerprint(), fingerprint)) {
        // The original answer again: same numbers, same signature, no second draw.
        final RandomReply original = RandomReply.newBuilder(previous.get().reply()).setDuplicate(true).build();
        return new Outcome(original, parts.auditRecords().duplicate(request, original, source, route.topic()), "duplicate", "none");
      }
      return rejected(request, source, route, new Rejection(ErrorCode.REQUEST_ID_REUSED, "requestId " + request.getRequestId()
          + " was used by this client for a request with other parameters (serial " + previous.get().reply().getSerial()
          + "); use a new requestId for a new draw"));
    }
    final Optional<Rejection> invalid = parts.validator().validate(request);
    final Outcome outcome = invalid.isPresent()
        ? rejected(request, source, route, invalid.get())
        : drawn(request, source, route, inFlight);
    requestIds.remember(request.getClientId(), request.getRequestId(), source.receivedAt(), fingerprint, outcome.reply());
    return outcome;
  }

  /**
   * The client's token buckets, on the processor's clock (not the record timestamp, which the client sets and could
   * put in the future to refill its own bucket). Duplicates count too: a retry storm is load like any other.
   */
  private Optional<Outcome> rateLimited(final RandomRequest request, final RequestSource source, final ReplyRoute route) {
    final String clientId = request.getClientId();
    if (rateLimits == null || clientId == null || clientId.isBlank() || clientId.length() > RequestValidator.MAX_ID_CHARS) {
      return Optional.empty(); // an invalid clientId is rejected by validation, before any draw
    }
    // Only a count that will be drawn costs numbers; an invalid count is rejected without a draw.
    final int numbers = request.getCount() >= 1 && request.getCount() <= parts.maxCount() ? request.getCount() : 0;
    final TokenBuckets.Decision decision = rateLimits.take(clientId, parts.clock().millis(), numbers);
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(rejected(request, source, route, new Rejection(ErrorCode.RATE_LIMITED, "client " + clientId
        + " is over its rate limit; retry after " + decision.retryAfterMs() + " ms (see retryAfterMs)"),
        decision.retryAfterMs()));
  }

  private Outcome drawn(final RandomRequest request, final RequestSource source, final ReplyRoute route,
      final RequestObserver.InFlight inFlight) {
    final Draw draw = inFlight.draw(() -> parts.drawer().draw(request), request.getCount(),
        new DrawSpec(request.getMin(), request.getMax(), request.getCount(), request.getUnique()).rangeBits());
    final RandomReply reply = signed(base(request, source)
        .setStatus(ReplyStatus.OK)
        .setNumbers(draw.numbers())
        .setSeed(ByteBuffer.wrap(draw.seed()))
        .setSeedSource(draw.seedSource())
        .build());
    return new Outcome(reply, parts.auditRecords().of(request, reply, source, route.topic()), "ok", "none");
  }

  private Outcome rejected(final RandomRequest request, final RequestSource source, final ReplyRoute route,
      final Rejection rejection) {
    return rejected(request, source, route, rejection, null);
  }

  private Outcome rejected(final RandomRequest request, final RequestSource source, final ReplyRoute route,
      final Rejection rejection, final Long retryAfterMs) {
    final RandomReply reply = signed(base(request, source)
        .setStatus(ReplyStatus.REJECTED)
        .setError(rejection.toAvro())
        .setNumbers(List.of())
        .setRetryAfterMs(retryAfterMs)
        .build());
    return new Outcome(reply, parts.auditRecords().of(request, reply, source, route.topic()), "rejected",
        rejection.code().name());
  }

  private RandomReply.Builder base(final RandomRequest request, final RequestSource source) {
    return RandomReply.newBuilder()
        .setRequestId(request.getRequestId())
        .setClientId(request.getClientId())
        .setMin(request.getMin())
        .setMax(request.getMax())
        .setCount(request.getCount())
        .setUnique(request.getUnique())
        .setAlgorithm(parts.drawer().algorithmId())
        .setSerial(source.serial())
        .setUserData(request.getUserData())
        .setGeneratedAt(parts.clock().instant());
  }

  private AuditRecord appended(final AuditRecord unlinked, final boolean isCheckpoint) {
    try {
      return chain.append(unlinked, isCheckpoint);
    } catch (RuntimeException e) {
      parts.observer().chainFailed();
      throw e;
    }
  }

  private RandomReply signed(final RandomReply unsigned) {
    try {
      return ReplySigner.sign(unsigned, parts.signingKey());
    } catch (RuntimeException e) {
      parts.observer().signingFailed();
      throw e;
    }
  }

  private void forwardCheckpoint(final Instant now) {
    final AuditRecord checkpoint = appended(ChainLink.checkpointRecord(chain.partition(), chain.head().orElseThrow(),
        now.toEpochMilli(), parts.signingKey(), parts.drawer().algorithmId(), parts.instanceId(), parts.version(),
        parts.requestsTopic()), true);
    context.forward(new Record<>(null, new Answer(null, checkpoint), now.toEpochMilli()));
    parts.observer().checkpointed();
  }
}
