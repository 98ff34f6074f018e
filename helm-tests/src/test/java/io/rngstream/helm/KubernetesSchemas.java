package io.rngstream.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Validation of rendered objects against the Kubernetes and CRD schemas of the npm kubernetes-models packages, by
 * {@code helm-tests/node/validate.mjs}. The first use in a build runs {@code npm ci} (the exact versions of
 * helm-tests/node/package-lock.json) into {@code target/helm-tests/node}; it needs node 20+ and npm on the PATH
 * and the npm registry (or npm's cache).
 */
final class KubernetesSchemas {
  private static final Path SOURCE = Path.of("node").toAbsolutePath();
  private static final List<String> FILES = List.of("package.json", "package-lock.json", "validate.mjs");
  private static final long NPM_CI_TIMEOUT_MINUTES = 8;
  private static final long VALIDATE_TIMEOUT_MINUTES = 3;
  private static Path installed;

  private KubernetesSchemas() {
  }

  /** One object's verdict: the schema it was checked against (null when none was known) and the errors found. */
  record Verdict(String source, String apiVersion, String kind, String name, String schema, List<String> errors) {
    @Override
    public String toString() {
      return source + ": " + apiVersion + " " + kind + " " + name + " -> " + (schema == null ? "no schema" : schema)
          + (errors.isEmpty() ? "" : " " + errors);
    }
  }

  /** A rendered object and where it came from (the values it was rendered with). */
  record Input(String source, JsonNode object) {
  }

  static List<Verdict> validate(final List<Input> inputs) {
    final Path dir = install();
    try {
      final ArrayNode array = ChartUnderTest.JSON.createArrayNode();
      for (final Input input : inputs) {
        array.addObject().put("source", input.source()).set("object", input.object());
      }
      final Path in = Files.createTempFile(ChartUnderTest.workDir(), "objects-", ".json");
      ChartUnderTest.JSON.writeValue(in.toFile(), array);
      final Path out = in.resolveSibling(in.getFileName() + ".verdicts");
      final Path err = in.resolveSibling(in.getFileName() + ".stderr");
      final int status = run(dir, List.of("node", "validate.mjs", in.toString()), out, err, VALIDATE_TIMEOUT_MINUTES);
      if (status != 0) {
        throw new AssertionError("node validate.mjs exited " + status + ": " + Files.readString(err));
      }
      final List<Verdict> verdicts = new ArrayList<>();
      for (final JsonNode r : ChartUnderTest.JSON.readTree(out.toFile()).path("results")) {
        final List<String> errors = new ArrayList<>();
        r.path("errors").forEach(e -> errors.add(e.asText()));
        verdicts.add(new Verdict(r.path("source").asText(), r.path("apiVersion").asText(), r.path("kind").asText(),
            r.path("name").asText(), r.path("schema").isNull() ? null : r.path("schema").asText(), errors));
      }
      return verdicts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** npm ci once per lock file: reinstalls only when helm-tests/node/package-lock.json changed. */
  private static synchronized Path install() {
    if (installed != null) {
      return installed;
    }
    requireNode();
    final Path dir = ChartUnderTest.workDir().resolve("node");
    try {
      Files.createDirectories(dir);
      final byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
      final Path marker = dir.resolve("node_modules/.installed-from-lock");
      final boolean current = Files.exists(marker) && Arrays.equals(Files.readAllBytes(marker), lock);
      for (final String file : FILES) {
        Files.copy(SOURCE.resolve(file), dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      if (!current) {
        final Path log = dir.resolve("npm-ci.log");
        final int status = run(dir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error",
            "--engine-strict=false"), log, log, NPM_CI_TIMEOUT_MINUTES);
        if (status != 0) {
          throw new AssertionError("npm ci in " + dir + " failed (exit " + status + "); it needs the npm registry or"
              + " npm's cache. Output:\n" + Files.readString(log));
        }
        Files.write(marker, lock);
      }
      installed = dir;
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireNode() {
    final String help = "helm-tests validates the rendered chart with node 20+ and npm (npm kubernetes-models):"
        + " install them (Debian: apt-get install nodejs npm) and put them on the PATH";
    try {
      final Path out = Files.createTempFile("node-version", ".txt");
      final int status = run(Path.of("."), List.of("node", "--version"), out, out, 1);
      final String version = Files.readString(out).trim();
      Files.delete(out);
      final int major = Integer.parseInt(version.replaceFirst("^v(\\d+)\\..*$", "$1"));
      if (status != 0 || major < 20) {
        throw new AssertionError(help + " (found node " + version + ")");
      }
      final Path npmOut = Files.createTempFile("npm-version", ".txt");
      final int npmStatus = run(Path.of("."), List.of("npm", "--version"), npmOut, npmOut, 1);
      Files.delete(npmOut);
      if (npmStatus != 0) {
        throw new AssertionError(help + " (npm --version failed)");
      }
    } catch (IOException | NumberFormatException e) {
      throw new AssertionError(help + " (" + e.getMessage() + ")", e);
    }
  }

  private static int run(final Path dir, final List<String> command, final Path out, final Path err,
      final long timeoutMinutes) throws IOException {
    final ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (out.equals(err)) {
      builder.redirectErrorStream(true).redirectOutput(out.toFile());
    } else {
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    }
    final Process process = builder.start();
    try {
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutMinutes + " min: "
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
