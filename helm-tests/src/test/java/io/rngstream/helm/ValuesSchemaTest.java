package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json rejects wrong types and unknown keys (helm template and helm lint both refuse the values), and
 * values.yaml describes every key it has.
 */
class ValuesSchemaTest {
  static List<Path> invalidValues() {
    return ChartUnderTest.files(ChartUnderTest.testResource("invalid"), "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void helmTemplateRejectsValuesTheSchemaForbids(final Path file) {
    assertThatThrownBy(() -> ChartUnderTest.template(List.of(file)))
        .as("helm template with %s", file.getFileName())
        .hasMessageContaining("values don't meet the specifications of the schema");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void helmLintRejectsValuesTheSchemaForbids(final Path file) {
    final LintResult result = ChartUnderTest.lint(ChartUnderTest.Values.of(file));

    assertThat(result.isFailed()).as("helm lint with %s: %s", file.getFileName(), result.getMessages()).isTrue();
  }

  @Test
  void theSchemaForbidsUnknownKeysInEveryObjectItDescribes() throws IOException {
    final var schema = ChartUnderTest.JSON.readTree(ChartUnderTest.chart().resolve("values.schema.json").toFile());
    final List<String> open = new ArrayList<>();
    collectOpenObjects(schema, "$", open);

    assertThat(open).as("objects with properties but without additionalProperties: false").isEmpty();
  }

  @Test
  void everyKeyOfValuesYamlHasAComment() throws IOException {
    final List<String> lines = Files.readAllLines(ChartUnderTest.chart().resolve("values.yaml"));
    final Pattern key = Pattern.compile("^\\s*[A-Za-z0-9_.\"'-]+:(\\s|$)");
    final List<String> undocumented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      final String line = lines.get(i);
      if (!key.matcher(line).find()) {
        continue;
      }
      final boolean commentAbove = i > 0 && lines.get(i - 1).trim().startsWith("#");
      final boolean commentBeside = line.contains(" # ");
      if (!commentAbove && !commentBeside) {
        undocumented.add((i + 1) + ": " + line.trim());
      }
    }

    assertThat(undocumented).as("keys of values.yaml without a comment").isEmpty();
  }

  private static void collectOpenObjects(final com.fasterxml.jackson.databind.JsonNode node, final String path,
      final List<String> open) {
    if (node.isObject()) {
      if (node.has("properties") && !(node.has("additionalProperties") && node.path("additionalProperties").isBoolean()
          && !node.path("additionalProperties").asBoolean())) {
        open.add(path);
      }
      node.fields().forEachRemaining(e -> collectOpenObjects(e.getValue(), path + "." + e.getKey(), open));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectOpenObjects(node.get(i), path + "[" + i + "]", open);
      }
    }
  }
}
