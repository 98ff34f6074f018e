package io.rngstream.processor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RandomRequest;
import io.rngstream.processor.TestRequests;
import io.rngstream.processor.config.ProcessorConfig.Limits;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
  private final RequestValidator validator = new RequestValidator(new Limits(10_000, 1024, 65_536));

  private ErrorCode codeOf(final RandomRequest request) {
    final Optional<Rejection> rejection = validator.validate(request);
    assertThat(rejection).as("a rejection for %s", request).isPresent();
    assertThat(rejection.get().message()).isNotBlank();
    return rejection.get().code();
  }

  @Test
  void acceptsAValidRequest() {
    assertThat(validator.validate(TestRequests.dice("r1").build())).isEmpty();
  }

  @Test
  void acceptsTheFullLongRangeAndASingleValue() {
    assertThat(validator.validate(TestRequests.dice("r1").setMin(Long.MIN_VALUE).setMax(Long.MAX_VALUE).build())).isEmpty();
    assertThat(validator.validate(TestRequests.dice("r1").setMin(7).setMax(7).setCount(1).setUnique(true).build())).isEmpty();
  }

  @Test
  void rejectsBlankRequestId() {
    assertThat(codeOf(TestRequests.dice("  ").build())).isEqualTo(ErrorCode.INVALID_REQUEST_ID);
  }

  @Test
  void rejectsRequestIdLongerThan128Characters() {
    assertThat(codeOf(TestRequests.dice("x".repeat(129)).build())).isEqualTo(ErrorCode.INVALID_REQUEST_ID);
    assertThat(validator.validate(TestRequests.dice("x".repeat(128)).build())).isEmpty();
  }

  @Test
  void rejectsBlankClientId() {
    assertThat(codeOf(TestRequests.dice("r1").setClientId("").build())).isEqualTo(ErrorCode.INVALID_CLIENT_ID);
  }

  @Test
  void rejectsMinAboveMax() {
    final Optional<Rejection> rejection = validator.validate(TestRequests.dice("r1").setMin(7).setMax(6).build());
    assertThat(rejection).map(Rejection::code).contains(ErrorCode.INVALID_BOUNDS);
    assertThat(rejection.get().message()).contains("min 7").contains("max 6");
  }

  @Test
  void rejectsCountBelowOne() {
    assertThat(codeOf(TestRequests.dice("r1").setCount(0).build())).isEqualTo(ErrorCode.INVALID_COUNT);
    assertThat(codeOf(TestRequests.dice("r1").setCount(-5).build())).isEqualTo(ErrorCode.INVALID_COUNT);
  }

  @Test
  void rejectsCountAboveTheConfiguredMaximum() {
    assertThat(codeOf(TestRequests.dice("r1").setCount(10_001).build())).isEqualTo(ErrorCode.COUNT_TOO_LARGE);
    assertThat(validator.validate(TestRequests.dice("r1").setCount(10_000).build())).isEmpty();
  }

  @Test
  void rejectsUniqueDrawLargerThanRange() {
    final Optional<Rejection> rejection =
        validator.validate(TestRequests.dice("r1").setUnique(true).setCount(7).build());
    assertThat(rejection).map(Rejection::code).contains(ErrorCode.UNIQUE_COUNT_EXCEEDS_RANGE);
    assertThat(rejection.get().message()).contains("6 distinct numbers");
    assertThat(validator.validate(TestRequests.dice("r1").setUnique(true).setCount(6).build())).isEmpty();
  }

  @Test
  void rejectsSeedThatIsNot32Bytes() {
    assertThat(codeOf(TestRequests.dice("r1").setSeed(ByteBuffer.wrap(new byte[31])).build())).isEqualTo(ErrorCode.INVALID_SEED);
    assertThat(codeOf(TestRequests.dice("r1").setSeed(ByteBuffer.wrap(new byte[33])).build())).isEqualTo(ErrorCode.INVALID_SEED);
    assertThat(validator.validate(TestRequests.dice("r1").setSeed(ByteBuffer.wrap(new byte[32])).build())).isEmpty();
  }

  @Test
  void rejectsUserDataLongerThanTheLimit() {
    assertThat(codeOf(TestRequests.dice("r1").setUserData("u".repeat(1025)).build())).isEqualTo(ErrorCode.USER_DATA_TOO_LONG);
    assertThat(validator.validate(TestRequests.dice("r1").setUserData("u".repeat(1024)).build())).isEmpty();
  }

  @Test
  void reportsTheFirstViolationInContractOrder() {
    final RandomRequest twoViolations = TestRequests.dice("").setMin(9).setMax(1).build();
    assertThat(codeOf(twoViolations)).isEqualTo(ErrorCode.INVALID_REQUEST_ID);
  }
}
