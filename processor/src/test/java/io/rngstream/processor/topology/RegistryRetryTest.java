package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rngstream.avro.RandomRequest;
import io.rngstream.core.protocol.DeadLetterReason;
import io.rngstream.processor.topology.DecodedRequest.Readable;
import io.rngstream.processor.topology.DecodedRequest.Unreadable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RegistryRetryTest {
  private static final Unreadable DOWN = new Unreadable(DeadLetterReason.REGISTRY_UNAVAILABLE, "connection refused", new byte[0]);
  private static final Readable READ = new Readable(RandomRequest.newBuilder().setRequestId("r").setClientId("c")
      .setMin(1).setMax(6).setCount(1).setUnique(false).setSeed(null).setUserData(null)
      .setRequestedAt(Instant.EPOCH).build());

  private final RegistryRetry retry = new RegistryRetry(Duration.ofMillis(1), Duration.ofMillis(4), Clock.systemUTC());

  @Test
  void retriesWhileTheRegistryCannotBeAskedAndReturnsWhatItFinallyReads() {
    final AtomicInteger calls = new AtomicInteger();
    final DecodedRequest result = retry.decode(() -> calls.incrementAndGet() <= 5 ? DOWN : READ, () -> "t-0@7");
    assertThat(result).isSameAs(READ);
    assertThat(calls).hasValue(6);
    assertThat(retry.waiting()).isEmpty();
  }

  @Test
  void aSchemaTheRegistryDoesNotKnowIsNotRetried() {
    final Unreadable unknown = new Unreadable(DeadLetterReason.UNKNOWN_SCHEMA, "no content id 99", new byte[0]);
    final AtomicInteger calls = new AtomicInteger();
    assertThat(retry.decode(() -> {
      calls.incrementAndGet();
      return unknown;
    }, () -> "t-0@8")).isSameAs(unknown);
    assertThat(calls).hasValue(1);
  }

  @Test
  void stopEndsTheWaitWithAnExceptionSoThatTheRecordIsNotCommitted() {
    final Supplier<DecodedRequest> alwaysDown = () -> DOWN;
    final CompletableFuture<DecodedRequest> waiting = CompletableFuture.supplyAsync(() -> retry.decode(alwaysDown, () -> "t-1@3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> retry.waiting().isPresent());
    assertThat(retry.waiting().orElseThrow()).contains("t-1@3").contains("connection refused");

    retry.stop();
    assertThatThrownBy(waiting::join).hasCauseInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("t-1@3");
    assertThat(retry.stopping()).isTrue();
    assertThatThrownBy(() -> retry.decode(alwaysDown, () -> "t-1@4")).isInstanceOf(RegistryUnavailableException.class);
  }
}
