package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import io.rngstream.core.protocol.DeadLetterReason;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import org.apache.avro.InvalidNumberEncodingException;
import org.junit.jupiter.api.Test;

/** Which decode failures wait for the registry and which are the record's own fault. */
class RequestDecoderClassifyTest {

  @Test
  void aForgedDatumBehindAKnownSchemaIsCorruptNotARegistryOutage() {
    // Found by the hostile-input properties: this once made the request wait for the registry for ever.
    assertThat(RequestDecoder.classify(new UncheckedIOException(new InvalidNumberEncodingException("Invalid int encoding"))))
        .isEqualTo(DeadLetterReason.CORRUPT_AVRO);
    assertThat(RequestDecoder.classify(new UncheckedIOException(new EOFException()))).isEqualTo(DeadLetterReason.CORRUPT_AVRO);
    assertThat(RequestDecoder.classify(new UncheckedIOException(new IOException("decoder says no"))))
        .as("a plain IOException raised outside the network stack").isEqualTo(DeadLetterReason.CORRUPT_AVRO);
  }

  @Test
  void aRegistryThatCannotBeAskedIsAnOutage() {
    assertThat(RequestDecoder.classify(new RuntimeException(new ConnectException("Connection refused"))))
        .isEqualTo(DeadLetterReason.REGISTRY_UNAVAILABLE);
    assertThat(RequestDecoder.classify(new IllegalStateException(new HttpConnectTimeoutException("timed out"))))
        .isEqualTo(DeadLetterReason.REGISTRY_UNAVAILABLE);
    assertThat(RequestDecoder.classify(new RuntimeException(apiError(503)))).isEqualTo(DeadLetterReason.REGISTRY_UNAVAILABLE);
  }

  @Test
  void aSchemaTheRegistryDoesNotKnowIsUnknown() {
    assertThat(RequestDecoder.classify(new RuntimeException(apiError(404)))).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
  }

  private static ApiException apiError(final int status) {
    return new ApiExceptionBuilder().withMessage("HTTP " + status).withResponseStatusCode(status).build();
  }
}
