package io.rngstream.client.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time the way people type it: an ISO instant ({@code 2025-06-01T10:00:00Z}), a date-time with an
 * offset, a date-time or date without one (read as UTC), or a time ago ({@code 30m}, {@code 12h}, {@code 7d}).
 */
public final class TimeConverter implements ITypeConverter<Instant> {
  private static final Pattern AGO = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)");

  private final Clock clock;

  /** Times ago count back from now. */
  public TimeConverter() {
    this(Clock.systemUTC());
  }

  TimeConverter(final Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(final String value) {
    final String text = value.trim();
    final Matcher ago = AGO.matcher(text);
    if (ago.matches()) {
      final long amount = Long.parseLong(ago.group(1));
      final Duration back = switch (ago.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
      return clock.instant().minus(back);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException noOffset) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADateTime) {
          try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
          } catch (DateTimeParseException notADate) {
            throw new TypeConversionException("'" + value + "' is not a time; use e.g. 2025-06-01T10:00:00Z, "
                + "2025-06-01 (UTC), or a time ago such as 30m, 12h, 7d");
          }
        }
      }
    }
  }
}
