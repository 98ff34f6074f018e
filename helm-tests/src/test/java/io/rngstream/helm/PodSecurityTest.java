package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The security settings hold for every pod template, for the defaults, every environment and every scenario:
 * non-root uid/gid 10001 (the image's user), read-only root filesystem, no capability, RuntimeDefault seccomp,
 * no privilege escalation, no API token, writable emptyDir (or the state claim) only at the state directory and
 * /tmp, and secrets only by reference.
 */
class PodSecurityTest {
  private static final int IMAGE_UID = 10001;
  private static final Pattern SECRET_LOOKING = Pattern.compile("(?i)(password|passwd|secret|jaas|token|credential|private.?key)");

  static List<ChartUnderTest.Values> values() {
    return ChartUnderTest.environmentsAndScenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void podsRunAsTheImagesNonRootUserWithSeccomp(final ChartUnderTest.Values values) {
    for (final JsonNode pod : podSpecs(values)) {
      final JsonNode context = pod.path("securityContext");
      assertThat(context.path("runAsNonRoot").asBoolean(false)).as("%s pod runAsNonRoot", values).isTrue();
      assertThat(context.path("runAsUser").asInt(-1)).as("%s pod runAsUser", values).isEqualTo(IMAGE_UID);
      assertThat(context.path("runAsGroup").asInt(-1)).as("%s pod runAsGroup", values).isEqualTo(IMAGE_UID);
      assertThat(context.path("seccompProfile").path("type").asText()).as("%s pod seccomp", values).isEqualTo("RuntimeDefault");
      assertThat(pod.path("hostNetwork").asBoolean(false) || pod.path("hostPID").asBoolean(false)
          || pod.path("hostIPC").asBoolean(false)).as("%s host namespaces", values).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void everyContainerIsLockedDown(final ChartUnderTest.Values values) {
    for (final JsonNode container : containers(values)) {
      final String name = values + " container " + container.path("name").asText();
      final JsonNode context = container.path("securityContext");
      assertThat(context.path("readOnlyRootFilesystem").asBoolean(false)).as("%s readOnlyRootFilesystem", name).isTrue();
      assertThat(context.path("allowPrivilegeEscalation").asBoolean(true)).as("%s allowPrivilegeEscalation", name).isFalse();
      assertThat(context.path("privileged").asBoolean(false)).as("%s privileged", name).isFalse();
      assertThat(context.path("runAsNonRoot").asBoolean(false)).as("%s runAsNonRoot", name).isTrue();
      assertThat(context.path("runAsUser").asInt(IMAGE_UID)).as("%s runAsUser", name).isEqualTo(IMAGE_UID);
      assertThat(texts(context.path("capabilities").path("drop"))).as("%s capabilities dropped", name).contains("ALL");
      assertThat(context.path("capabilities").path("add").size()).as("%s capabilities added", name).isZero();
      assertThat(context.path("seccompProfile").path("type").asText("RuntimeDefault"))
          .as("%s seccomp", name).isEqualTo("RuntimeDefault");
      assertThat(container.path("resources").path("requests").has("cpu")
          && container.path("resources").path("requests").has("memory")
          && container.path("resources").path("limits").has("memory")).as("%s requests and memory limit", name).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void noKubernetesApiTokenIsMounted(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    for (final JsonNode pod : podSpecs(values)) {
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("%s pod token", values).isFalse();
    }
    for (final JsonNode account : rendered.ofKind("ServiceAccount")) {
      assertThat(account.path("automountServiceAccountToken").asBoolean(true)).as("%s account token", values).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void onlyTheStateDirectoryAndTmpAreWritable(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    final String stateDir = env(rendered, "RNG_STATE_DIR");
    for (final JsonNode workload : rendered.workloads()) {
      final JsonNode pod = workload.path("spec").path("template").path("spec");
      final Set<String> claims = new java.util.HashSet<>();
      workload.path("spec").path("volumeClaimTemplates").forEach(c -> claims.add(c.path("metadata").path("name").asText()));
      for (final JsonNode container : pod.path("containers")) {
        for (final JsonNode mount : container.path("volumeMounts")) {
          if (mount.path("readOnly").asBoolean(false)) {
            continue;
          }
          final String path = mount.path("mountPath").asText();
          final String volume = mount.path("name").asText();
          assertThat(path).as("%s: writable mount %s", values, volume).isIn(stateDir, "/tmp");
          final JsonNode source = volume(pod, volume);
          assertThat(source != null && source.has("emptyDir") || claims.contains(volume))
              .as("%s: %s is an emptyDir or the state claim", values, path).isTrue();
        }
      }
      for (final JsonNode volume : pod.path("volumes")) {
        assertThat(volume.has("hostPath")).as("%s: hostPath volume %s", values, volume.path("name").asText()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void secretsAreOnlyReferenced(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);

    assertThat(rendered.ofKind("Secret")).as("%s renders no Secret: secrets come from an existing Secret or an ExternalSecret", values).isEmpty();
    for (final JsonNode container : containers(values)) {
      for (final JsonNode env : container.path("env")) {
        if (SECRET_LOOKING.matcher(env.path("name").asText()).find() && env.has("value")) {
          // A literal value is fine when it holds no credential (the MSK IAM login module line); a password
          // must come from a secretKeyRef variable, expanded by the kubelet.
          assertThat(env.path("value").asText()).as("%s: %s holds a literal credential", values, env.path("name").asText())
              .doesNotContainPattern("(?i)(password|secret|token)\\s*=\\s*\"?+(?!\\$\\()");
        }
      }
    }
    rendered.processorProperties().stringPropertyNames().forEach(key ->
        assertThat(SECRET_LOOKING.matcher(key).find()).as("%s: secret-looking setting %s in the ConfigMap", values, key).isFalse());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void theJvmHeapFollowsTheContainerLimitAndShutdownFitsTheGracePeriod(final ChartUnderTest.Values values) {
    final Rendered rendered = ChartUnderTest.render(values);
    assertThat(env(rendered, "JAVA_TOOL_OPTIONS")).as("%s JVM memory as a percentage", values).contains("-XX:MaxRAMPercentage=");
    final long shutdownMs = Long.parseLong(rendered.processorProperties().getProperty("shutdown.timeout-ms",
        ChartUnderTest.processorDefaults().get("shutdown.timeout-ms")));
    for (final JsonNode pod : podSpecs(values)) {
      assertThat(pod.path("terminationGracePeriodSeconds").asLong() * 1000).as("%s grace period vs shutdown.timeout-ms", values)
          .isGreaterThan(shutdownMs);
    }
  }

  static List<JsonNode> podSpecs(final ChartUnderTest.Values values) {
    return ChartUnderTest.render(values).workloads().stream()
        .map(w -> w.path("spec").path("template").path("spec")).toList();
  }

  static List<JsonNode> containers(final ChartUnderTest.Values values) {
    final List<JsonNode> all = new ArrayList<>();
    for (final JsonNode pod : podSpecs(values)) {
      pod.path("initContainers").forEach(all::add);
      pod.path("containers").forEach(all::add);
    }
    assertThat(all).as("%s has containers", values).isNotEmpty();
    return all;
  }

  /** The value of an environment variable of the processor container. */
  static String env(final Rendered rendered, final String name) {
    for (final JsonNode env : rendered.workload().path("spec").path("template").path("spec").path("containers").get(0).path("env")) {
      if (name.equals(env.path("name").asText())) {
        return env.path("value").asText();
      }
    }
    throw new AssertionError(rendered.values() + ": no environment variable " + name);
  }

  private static JsonNode volume(final JsonNode pod, final String name) {
    for (final JsonNode volume : pod.path("volumes")) {
      if (name.equals(volume.path("name").asText())) {
        return volume;
      }
    }
    return null;
  }

  static List<String> texts(final JsonNode array) {
    final List<String> result = new ArrayList<>();
    array.forEach(n -> result.add(n.asText()));
    return result;
  }
}
