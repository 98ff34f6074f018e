package io.rngstream.processor.observe;

import java.util.Collection;
import java.util.Map;

/** Just enough JSON writing for log lines and management endpoints; no library needed for flat objects. */
public final class Json {
  private Json() {
  }

  /** A JSON value: strings quoted and escaped, numbers and booleans as they are, maps and collections nested. */
  public static String value(final Object value) {
    final StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  static void append(final StringBuilder out, final Object value) {
    switch (value) {
      case null -> out.append("null");
      case Boolean bool -> out.append(bool);
      case Integer number -> out.append(number);
      case Long number -> out.append(number);
      case Double number -> out.append(number.isNaN() || number.isInfinite() ? "null" : number.toString());
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (final Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, String.valueOf(entry.getKey()));
          out.append(':');
          append(out, entry.getValue());
        }
        out.append('}');
      }
      case Collection<?> items -> {
        out.append('[');
        boolean first = true;
        for (final Object item : items) {
          if (!first) {
            out.append(',');
          }
          first = false;
          append(out, item);
        }
        out.append(']');
      }
      default -> string(out, value.toString());
    }
  }

  static void string(final StringBuilder out, final String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
