package io.rngstream.client.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations the way people type them: {@code 500ms}, {@code 5s}, {@code 2m}, a bare number of seconds, or ISO {@code PT5S}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

  @Override
  public Duration convert(final String value) {
    final Matcher simple = SIMPLE.matcher(value.trim());
    final Duration duration;
    if (simple.matches()) {
      final long amount = Long.parseLong(simple.group(1));
      final String unit = simple.group(2) == null ? "s" : simple.group(2);
      duration = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofSeconds(amount);
      };
    } else {
      try {
        duration = Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 5s or 2m");
      }
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return duration;
  }
}
