package io.rngstream.processor.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/** One named health check's result, as shown by /health and /ready. */
public record Check(String name, boolean up, String detail) {

  static Check up(final String name, final String detail) {
    return new Check(name, true, detail);
  }

  static Check down(final String name, final String detail) {
    return new Check(name, false, detail);
  }

  Map<String, Object> toJson() {
    final Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("status", up ? "UP" : "DOWN");
    json.put("detail", detail);
    return json;
  }
}
