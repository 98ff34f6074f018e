package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NOTES.txt renders for every environment and tells how to check the release with the real names and paths. */
class NotesTest {
  static List<ChartUnderTest.Values> values() {
    return ChartUnderTest.environmentsAndScenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void notesTellHowToCheckTheRelease(final ChartUnderTest.Values values) {
    InstallCommand install = new Helm(ChartUnderTest.chart()).install()
        .withName(ChartUnderTest.RELEASE)
        .withNamespace(ChartUnderTest.NAMESPACE)
        .withKubeVersion(ChartUnderTest.KUBE_VERSION)
        .clientOnly()
        .withDryRunOption(DryRun.CLIENT);
    if (values.file().isPresent()) {
      install = install.withValuesFile(values.file().get());
    }
    final String output = install.call().getOutput();
    final String notes = output.substring(output.indexOf("NOTES:"));
    final Rendered rendered = ChartUnderTest.render(values);
    final String kind = rendered.workload().path("kind").asText();

    assertThat(notes).as("%s NOTES", values)
        .contains(kind.equals("Rollout") ? "kubectl argo rollouts get rollout rng-processor"
            : "kubectl rollout status " + kind.toLowerCase(java.util.Locale.ROOT) + "/rng-processor")
        .contains("port-forward -n rng-stream svc/rng-processor 8081:8081")
        .contains("localhost:8081/ready", "localhost:8081/health", "/metrics")
        .doesNotContain("<no value>");
  }
}
