package io.rngstream.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the wire contract: every schema must stay readable by the last released readers
 * (forward) and must read what the last released writers wrote (backward).
 */
class SchemaCompatibilityTest {

  /** The released major version whose copies live in src/test/resources/released. */
  private static final String RELEASED = "v1";

  static Stream<Schema> currentSchemas() {
    return Stream.of(RandomRequest.getClassSchema(), RandomReply.getClassSchema(), AuditRecord.getClassSchema());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void newReadersReadWhatReleasedWritersWrote(final Schema current) throws IOException {
    final Schema released = released(current.getName());
    assertCompatible(current, released, "backward: current reader, released writer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void releasedReadersReadWhatNewWritersWrite(final Schema current) throws IOException {
    final Schema released = released(current.getName());
    assertCompatible(released, current, "forward: released reader, current writer");
  }

  @Test
  void detectsARequiredFieldAddedWithoutDefault() throws IOException {
    final Schema released = released("RandomRequest");
    final Schema broken = new Schema.Parser().parse(released.toString()
        .replace("\"fields\":[", "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},"));
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
        .as("a new required field without a default must be flagged as breaking")
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void everyFieldHasADoc() {
    currentSchemas().forEach(schema -> schema.getFields().forEach(field ->
        assertThat(field.doc()).as("doc of %s.%s", schema.getName(), field.name()).isNotBlank()));
  }

  @Test
  void recordsLiveInTheContractNamespace() {
    assertThat(currentSchemas().map(Schema::getNamespace).distinct().toList())
        .isEqualTo(List.of("io.rngstream.avro"));
  }

  private static void assertCompatible(final Schema reader, final Schema writer, final String direction) {
    final var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertThat(result.getType())
        .as("%s for %s: %s", direction, reader.getName(), result.getResult().getIncompatibilities())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  private static Schema released(final String name) throws IOException {
    final Schema.Parser parser = new Schema.Parser();
    // Named types are parsed first so the records can refer to them.
    for (final String file : List.of("ErrorCode", "ReplyStatus", "RequestError", name)) {
      try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/released/" + RELEASED + "/" + file + ".avsc")) {
        assertThat(in).as("released copy of %s in %s", file, RELEASED).isNotNull();
        final Schema parsed = parser.parse(in);
        if (parsed.getName().equals(name)) {
          return parsed;
        }
      }
    }
    throw new AssertionError("unreachable: " + name);
  }
}
