package io.rngstream.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rngstream.avro.RandomRequest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DrawRequestTest {
  private static final byte[] SEED = new byte[32];

  @Test
  void defaultsToOneNumberWithReplacementAndARandomUuidRequestId() {
    final DrawRequest request = DrawRequest.between(1, 6);

    assertThat(request.count()).isEqualTo(1);
    assertThat(request.unique()).isFalse();
    assertThat(request.seed()).isEmpty();
    assertThat(request.userData()).isEmpty();
    assertThat(UUID.fromString(request.requestId())).isNotNull();
    assertThat(DrawRequest.between(1, 6).requestId()).isNotEqualTo(request.requestId());
  }

  @Test
  void settersReturnNewValuesAndLeaveTheOriginalAlone() {
    final DrawRequest original = DrawRequest.between(1, 6);
    final DrawRequest changed = original.count(3).unique(true).userData("lottery").requestId("r-1");

    assertThat(original.count()).isEqualTo(1);
    assertThat(original.unique()).isFalse();
    assertThat(changed.count()).isEqualTo(3);
    assertThat(changed.unique()).isTrue();
    assertThat(changed.userData()).contains("lottery");
    assertThat(changed.requestId()).isEqualTo("r-1");
    assertThat(changed.min()).isEqualTo(1);
    assertThat(changed.max()).isEqualTo(6);
  }

  @Test
  void keepsTheRequestIdAcrossSettersSoARetryIsTheSameRequest() {
    final DrawRequest request = DrawRequest.between(1, 6);

    assertThat(request.count(2).unique(true).requestId()).isEqualTo(request.requestId());
    assertThat(request.count(2)).isEqualTo(request.count(2)).hasSameHashCodeAs(request.count(2));
  }

  @Test
  void acceptsASingleValueRange() {
    assertThat(DrawRequest.between(7, 7).max()).isEqualTo(7);
  }

  @Test
  void rejectsMaxBelowMin() {
    assertThatThrownBy(() -> DrawRequest.between(6, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max 1 is below min 6");
  }

  @Test
  void rejectsCountBelowOne() {
    assertThatThrownBy(() -> DrawRequest.between(1, 6).count(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count is 0");
  }

  @Test
  void rejectsSeedsThatAreNot32Bytes() {
    assertThatThrownBy(() -> DrawRequest.between(1, 6).seed(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31 bytes");
  }

  @Test
  void copiesTheSeedInAndOut() {
    final byte[] seed = new byte[32];
    final DrawRequest request = DrawRequest.between(1, 6).seed(seed);
    seed[0] = 1;
    request.seed().orElseThrow()[1] = 1;

    assertThat(request.seed()).hasValueSatisfying(copy -> assertThat(copy).containsOnly(0));
  }

  @Test
  void rejectsBlankAndOverlongRequestIds() {
    assertThatThrownBy(() -> DrawRequest.between(1, 6).requestId(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DrawRequest.between(1, 6).requestId("x".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("129 characters");
    assertThat(DrawRequest.between(1, 6).requestId("x".repeat(128)).requestId()).hasSize(128);
  }

  @Test
  void leavesRangeLimitsToTheServiceSoItsRejectionIsTheSingleSourceOfTruth() {
    assertThat(DrawRequest.between(1, 6).count(7).unique(true).count()).isEqualTo(7);
  }

  @Test
  void mapsEveryFieldToTheWireForm() {
    final Instant now = Instant.parse("2025-01-01T00:00:00Z");
    final RandomRequest wire = DrawRequest.between(-5, 5).count(4).unique(true).seed(SEED).userData("u")
        .requestId("r-2").toAvro("client-a", now);

    assertThat(wire.getRequestId()).isEqualTo("r-2");
    assertThat(wire.getClientId()).isEqualTo("client-a");
    assertThat(wire.getMin()).isEqualTo(-5);
    assertThat(wire.getMax()).isEqualTo(5);
    assertThat(wire.getCount()).isEqualTo(4);
    assertThat(wire.getUnique()).isTrue();
    assertThat(wire.getSeed().remaining()).isEqualTo(32);
    assertThat(wire.getUserData()).isEqualTo("u");
    assertThat(wire.getRequestedAt()).isEqualTo(now);
    assertThat(DrawRequest.between(1, 2).toAvro("c", now).getSeed()).isNull();
  }
}
