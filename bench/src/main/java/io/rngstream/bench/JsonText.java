package io.rngstream.bench;

import io.rngstream.core.json.Json;
import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as indented JSON; NaN (not measured) becomes null. */
final class JsonText {
  private JsonText() {
  }

  static String of(final Object value) {
    final StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.append('\n').toString();
  }

  private static void write(final StringBuilder out, final Object value, final String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      String separator = "\n";
      for (final Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator).append(indent).append("  ").append(Json.quote(entry.getKey().toString())).append(": ");
        write(out, entry.getValue(), indent + "  ");
        separator = ",\n";
      }
      out.append(map.isEmpty() ? "}" : "\n" + indent + "}");
    } else if (value instanceof List<?> list) {
      out.append('[');
      String separator = "\n";
      for (final Object item : list) {
        out.append(separator).append(indent).append("  ");
        write(out, item, indent + "  ");
        separator = ",\n";
      }
      out.append(list.isEmpty() ? "]" : "\n" + indent + "]");
    } else if (value instanceof Double number) {
      out.append(number.isNaN() || number.isInfinite() ? "null"
          : number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString(number.longValue())
          : String.format(java.util.Locale.ROOT, "%.3f", number));
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      out.append(Json.quote(value.toString()));
    }
  }
}
