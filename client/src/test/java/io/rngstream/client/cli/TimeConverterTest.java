package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class TimeConverterTest {
  private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");
  private final TimeConverter converter = new TimeConverter(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void readsInstantsDatesAndTimesAgo() {
    assertThat(converter.convert("2025-06-01T10:00:00Z")).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    assertThat(converter.convert("2025-06-01T12:00:00+02:00")).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    assertThat(converter.convert("2025-06-01T10:00")).as("no offset: UTC").isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    assertThat(converter.convert("2025-06-01")).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(converter.convert("30m")).isEqualTo(NOW.minusSeconds(1800));
    assertThat(converter.convert("7d")).isEqualTo(Instant.parse("2025-05-26T12:00:00Z"));
  }

  @Test
  void refusesAnythingElseWithExamples() {
    assertThatThrownBy(() -> converter.convert("yesterday"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'yesterday' is not a time").hasMessageContaining("7d");
  }
}
