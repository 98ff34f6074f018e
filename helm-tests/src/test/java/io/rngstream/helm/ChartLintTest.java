package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} passes for the defaults, every environment and every scenario. */
class ChartLintTest {
  static List<ChartUnderTest.Values> values() {
    return ChartUnderTest.environmentsAndScenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void lintsCleanInStrictMode(final ChartUnderTest.Values values) {
    final LintResult result = ChartUnderTest.lint(values);

    assertThat(result.isFailed()).as("helm lint --strict with %s: %s", values, result.getMessages()).isFalse();
    assertThat(result.getMessages()).as("lint findings with %s", values)
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }
}
