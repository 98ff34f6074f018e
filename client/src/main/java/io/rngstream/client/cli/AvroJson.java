package io.rngstream.client.cli;

import io.rngstream.core.json.Json;
import java.nio.ByteBuffer;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * A record of the contract as one line of plain JSON, walking its schema: bytes as hex, timestamps as ISO-8601,
 * optional values as the value or null. Avro's own JSON encoding wraps every union value in its type name and
 * writes bytes as Latin-1 text, which no script wants to read; a JSON library would be a large dependency for this.
 */
final class AvroJson {
  private AvroJson() {
  }

  /** The record as JSON, fields in schema order. */
  static String of(final IndexedRecord record) {
    final StringBuilder json = new StringBuilder(256);
    value(json, record.getSchema(), record);
    return json.toString();
  }

  private static void value(final StringBuilder json, final Schema schema, final Object value) {
    if (value == null) {
      json.append("null");
      return;
    }
    switch (schema.getType()) {
      case UNION -> value(json, branch(schema, value), value);
      case RECORD -> record(json, (IndexedRecord) value);
      case ARRAY -> {
        json.append('[');
        final List<?> items = (List<?>) value;
        for (int i = 0; i < items.size(); i++) {
          json.append(i == 0 ? "" : ",");
          value(json, schema.getElementType(), items.get(i));
        }
        json.append(']');
      }
      case MAP -> {
        json.append('{');
        boolean first = true;
        for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          json.append(first ? "" : ",").append(string(entry.getKey().toString())).append(':');
          value(json, schema.getValueType(), entry.getValue());
          first = false;
        }
        json.append('}');
      }
      case BYTES -> json.append(string(hex((ByteBuffer) value)));
      case FIXED -> json.append(string(HexFormat.of().formatHex(((GenericFixed) value).bytes())));
      case STRING, ENUM -> json.append(string(value.toString()));
      // Logical types (timestamp-millis) arrive as java.time values: their toString is ISO-8601.
      default -> json.append(value instanceof TemporalAccessor ? string(value.toString()) : value.toString());
    }
  }

  private static void record(final StringBuilder json, final IndexedRecord record) {
    json.append('{');
    final List<Schema.Field> fields = record.getSchema().getFields();
    for (final Schema.Field field : fields) {
      json.append(field.pos() == 0 ? "" : ",").append(string(field.name())).append(':');
      value(json, field.schema(), record.get(field.pos()));
    }
    json.append('}');
  }

  private static Schema branch(final Schema union, final Object value) {
    final List<Schema> nonNull = union.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).toList();
    return nonNull.size() == 1 ? nonNull.get(0) : union.getTypes().get(SpecificData.get().resolveUnion(union, value));
  }

  private static String hex(final ByteBuffer bytes) {
    final ByteBuffer view = bytes.duplicate();
    final byte[] copy = new byte[view.remaining()];
    view.get(copy);
    return HexFormat.of().formatHex(copy);
  }

  /** A JSON string literal, or null: core's quoting, shared with the reply JSON verifiers read. */
  static String string(final String value) {
    return Json.quote(value);
  }
}
