package io.rngstream.client.sdk;

import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests that wait for a reply, by correlation id, and the one place that decides how each ends: a reply,
 * a timeout, a send failure or the client's close. Whoever removes an entry completes its future, so every draw
 * ends exactly once however these race, and ends its trace just before its future completes. No Kafka types: the
 * reply thread hands in header bytes, a header lookup and a decoder.
 */
final class PendingDraws {
  private static final Logger LOG = LoggerFactory.getLogger(PendingDraws.class);
  private static final Function<String, String> NO_HEADERS = key -> null;

  private final ConcurrentHashMap<CorrelationId, Pending> byCorrelationId = new ConcurrentHashMap<>();
  private final int maxInFlight;
  private final Semaphore inFlightPermits;
  private final Executor completions;
  private final AtomicLong lateOrForeignReplies = new AtomicLong();
  private volatile boolean closed;

  /** A request that waits. */
  private record Pending(String requestId, CompletableFuture<RandomReply> future, DrawTrace trace) {
  }

  /**
   * Up to {@code maxInFlight} waiting requests. Futures complete on {@code completions}, never on the caller's
   * thread, so that a slow or blocking callback cannot stall the reply thread.
   */
  PendingDraws(final int maxInFlight, final Executor completions) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1; got " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.inFlightPermits = new Semaphore(maxInFlight);
    this.completions = completions;
  }

  /**
   * Registers a request under its correlation id. Returns an already failed future, without registering, when
   * the bound is reached ({@link TooManyInFlightException}) or the client is closed ({@link ClientClosedException}).
   */
  CompletableFuture<RandomReply> register(final CorrelationId id, final String requestId) {
    return register(id, requestId, DrawTrace.NONE);
  }

  /** {@link #register(CorrelationId, String)}, with the trace that ends when the draw ends. */
  CompletableFuture<RandomReply> register(final CorrelationId id, final String requestId, final DrawTrace trace) {
    if (closed) {
      return refused(trace, new ClientClosedException(requestId));
    }
    if (!inFlightPermits.tryAcquire()) {
      return refused(trace, new TooManyInFlightException(requestId, maxInFlight));
    }
    final Pending pending = new Pending(requestId, new CompletableFuture<>(), trace);
    if (byCorrelationId.putIfAbsent(id, pending) != null) {
      inFlightPermits.release();
      throw new IllegalStateException("correlation id " + id + " is already in use");
    }
    // close() may have run between the first check and the put; it then did not see this entry.
    if (closed) {
      fail(id, new ClientClosedException(requestId));
    }
    return pending.future();
  }

  /**
   * Handles one record from the reply topic. Decodes it only when a request waits for its correlation id, so
   * that other clients' replies on a shared topic cost a header lookup. Returns true when it completed a draw;
   * false (and counts it) when the reply is late, foreign, unreadable or answers another request id.
   */
  boolean onReply(final byte[] correlationHeader, final Supplier<Optional<RandomReply>> decode) {
    return onReply(correlationHeader, NO_HEADERS, decode);
  }

  /** {@link #onReply(byte[], Supplier)}; {@code replyHeaders} gives the reply's trace context to the draw's trace. */
  boolean onReply(final byte[] correlationHeader, final Function<String, String> replyHeaders,
      final Supplier<Optional<RandomReply>> decode) {
    final Optional<CorrelationId> id = CorrelationId.fromBytes(correlationHeader);
    final Pending pending = id.map(byCorrelationId::get).orElse(null);
    if (pending == null) {
      return dropped();
    }
    final Optional<RandomReply> reply = decodeQuietly(decode);
    // A reply for another request id under our correlation id is forged or broken: it must not complete ours.
    if (reply.isEmpty() || !pending.requestId().equals(reply.get().getRequestId())) {
      LOG.debug("Dropped a reply with correlation id {} that does not answer request {}", id.get(), pending.requestId());
      return dropped();
    }
    if (!byCorrelationId.remove(id.get(), pending)) {
      return dropped();
    }
    inFlightPermits.release();
    final RandomReply answer = reply.get();
    completeLater(() -> {
      endTrace(() -> pending.trace().replied(answer, replyHeaders));
      if (answer.getStatus() == ReplyStatus.OK) {
        pending.future().complete(answer);
      } else {
        pending.future().completeExceptionally(new DrawRejectedException(answer));
      }
    });
    return true;
  }

  /** Fails the request with a {@link DrawTimeoutException}, unless it has ended already. */
  boolean expire(final CorrelationId id, final Duration timeout) {
    return take(id)
        .map(pending -> failLater(pending, new DrawTimeoutException(pending.requestId(), timeout)))
        .orElse(false);
  }

  /** Fails the request with {@code cause}, unless it has ended already. */
  boolean fail(final CorrelationId id, final RngClientException cause) {
    return take(id).map(pending -> failLater(pending, cause)).orElse(false);
  }

  /** Refuses new requests and fails every waiting one with a {@link ClientClosedException}; returns how many. */
  int closeAll() {
    closed = true;
    int failed = 0;
    for (final CorrelationId id : byCorrelationId.keySet()) {
      final Optional<Pending> pending = take(id);
      if (pending.isPresent()) {
        failLater(pending.get(), new ClientClosedException(pending.get().requestId()));
        failed++;
      }
    }
    return failed;
  }

  /** Whether a request still waits under this id; false once it ended (its entry goes before its future completes). */
  boolean isWaiting(final CorrelationId id) {
    return byCorrelationId.containsKey(id);
  }

  /** How many requests wait for a reply. */
  int inFlight() {
    return maxInFlight - inFlightPermits.availablePermits();
  }

  /** Replies dropped because nothing waited for them: late (after a timeout or close), or other clients'. */
  long lateOrForeignReplies() {
    return lateOrForeignReplies.get();
  }

  private Optional<Pending> take(final CorrelationId id) {
    final Pending pending = byCorrelationId.remove(id);
    if (pending == null) {
      return Optional.empty();
    }
    inFlightPermits.release();
    return Optional.of(pending);
  }

  private static Optional<RandomReply> decodeQuietly(final Supplier<Optional<RandomReply>> decode) {
    try {
      return decode.get();
    } catch (RuntimeException e) {
      // Anyone can write to a reply topic; a record we cannot read is somebody else's, not our failure.
      LOG.debug("Dropped a reply that does not decode as a RandomReply", e);
      return Optional.empty();
    }
  }

  private boolean dropped() {
    lateOrForeignReplies.incrementAndGet();
    return false;
  }

  private boolean failLater(final Pending pending, final RngClientException cause) {
    completeLater(() -> {
      endTrace(() -> pending.trace().failed(cause));
      pending.future().completeExceptionally(cause);
    });
    return true;
  }

  private static CompletableFuture<RandomReply> refused(final DrawTrace trace, final RngClientException cause) {
    endTrace(() -> trace.failed(cause));
    return CompletableFuture.failedFuture(cause);
  }

  private static void endTrace(final Runnable ending) {
    try {
      ending.run();
    } catch (RuntimeException e) {
      // A broken tracer must not leave a draw without its outcome.
      LOG.debug("Ending a draw's span failed", e);
    }
  }

  private void completeLater(final Runnable completion) {
    try {
      completions.execute(completion);
    } catch (RejectedExecutionException e) {
      // A caller-supplied executor that was shut down must not leave a draw hanging.
      completion.run();
    }
  }
}
