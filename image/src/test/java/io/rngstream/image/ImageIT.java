package io.rngstream.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processor image as `jib:buildTar` left it in target/: its configuration, its layers, that a second build
 * from scratch gives the same digest, and (as root, where a chroot is possible) that it runs the processor.
 */
@ExtendWith(DevStackExtension.class)
class ImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIN_CLASS = "io.rngstream.processor.Main";
  private static final List<String> ENTRYPOINT = List.of("/opt/java/bin/java", "-XX:MaxRAMPercentage=75",
      "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
      "-cp", "@/app/jib-classpath-file", MAIN_CLASS);
  /** Shells and package managers by file name, wherever they would sit. */
  private static final Set<String> FORBIDDEN_NAMES = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "busybox",
      "apt", "apt-get", "apt-cache", "dpkg", "dpkg-deb", "apk", "yum", "dnf", "microdnf", "rpm", "pip", "curl", "wget");
  /** The only places an executable file may be: the Java runtime and the shared libraries. */
  private static final List<String> EXECUTABLE_DIRS = List.of("opt/java/", "lib/x86_64-linux-gnu/",
      "usr/lib/x86_64-linux-gnu/");

  private static ImageTarball image;
  private static Path work;

  @BeforeAll
  static void unpack() throws IOException, InterruptedException {
    work = Path.of(property("image.work"));
    deleteTree(work);
    image = ImageTarball.unpack(Path.of(property("image.tar")), work.resolve("image"));
  }

  @Test
  void runsAsTheNonRootUserOfTheHelmChart() throws IOException {
    assertThat(image.containerConfig().path("User").asText()).as("config User").isEqualTo("10001:10001");
    final String passwd = new String(image.read("etc/passwd"), StandardCharsets.UTF_8);
    assertThat(passwd).as("/etc/passwd names the user, for tools that look it up")
        .contains("rng:x:10001:10001:");
  }

  @Test
  void entrypointIsJavaWithContainerFlagsAndTheProcessorMainClass() {
    assertThat(strings(image.containerConfig().get("Entrypoint"))).isEqualTo(ENTRYPOINT);
    assertThat(strings(image.containerConfig().get("Cmd"))).as("no Cmd after the entrypoint").isEmpty();
    assertThat(image.containerConfig().path("Env").toString()).contains("RNG_STATE_DIR=/tmp/rng-stream/state");
  }

  @Test
  void exposesTheManagementPortAndCarriesOciLabels() {
    assertThat(image.containerConfig().path("ExposedPorts").has("8081/tcp")).as("ExposedPorts 8081/tcp").isTrue();
    final JsonNode labels = image.containerConfig().path("Labels");
    assertThat(labels.path("org.opencontainers.image.source").asText()).isNotBlank();
    assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(property("image.version"));
    assertThat(labels.path("org.opencontainers.image.revision").asText())
        .as("the git commit the image was built from").matches("[0-9a-f]{40}|\\$\\{git\\.commit\\.id}");
  }

  @Test
  void noLayerHoldsAShellOrAPackageManager() throws IOException {
    final List<String> forbidden = new ArrayList<>();
    final List<String> strayExecutables = new ArrayList<>();
    image.forEachEntry((entry, content) -> {
      final String baseName = entry.name().substring(entry.name().lastIndexOf('/') + 1);
      if (!entry.isDirectory() && FORBIDDEN_NAMES.contains(baseName)) {
        forbidden.add(entry.name());
      }
      if (entry.isExecutable() && EXECUTABLE_DIRS.stream().noneMatch(entry.name()::startsWith)) {
        strayExecutables.add(entry.name());
      }
    });
    assertThat(forbidden).as("shells and package managers in the layers").isEmpty();
    assertThat(strayExecutables).as("executables outside the Java runtime and the shared libraries").isEmpty();
  }

  @Test
  void everythingTheEntrypointNeedsIsInTheImage() throws IOException {
    final Map<String, Tar.Entry> files = new HashMap<>();
    final Set<String> processorClasses = new TreeSet<>();
    image.forEachEntry((entry, content) -> {
      files.put(entry.name(), entry);
      if (entry.isFile() && entry.name().matches("app/libs/rng-processor-.*\\.jar")) {
        try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(content.readAllBytes()))) {
          for (ZipEntry member = jar.getNextEntry(); member != null; member = jar.getNextEntry()) {
            processorClasses.add(member.getName());
          }
        }
      }
    });
    assertThat(files.get("opt/java/bin/java")).as("the java launcher").isNotNull()
        .matches(Tar.Entry::isExecutable, "is executable");
    final String classpath = new String(image.read("app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
    // Jib also lists /app/resources and /app/classes, which this module leaves empty; the jars must all be there.
    final List<String> missingJars = new ArrayList<>();
    for (final String element : classpath.split(":")) {
      if (element.endsWith(".jar") && !files.containsKey(Tar.normalize(element))) {
        missingJars.add(element);
      }
    }
    assertThat(classpath).as("the classpath file").contains("/app/libs/rng-processor-");
    assertThat(missingJars).as("classpath jars missing from the layers").isEmpty();
    assertThat(processorClasses).contains(MAIN_CLASS.replace('.', '/') + ".class");
    // RocksDB's JNI library (Kafka Streams state) needs the C++ runtime; TLS and time zones need their data.
    assertThat(List.of("usr/lib/x86_64-linux-gnu/libstdc++.so.6", "lib/x86_64-linux-gnu/libc.so.6",
        "lib/x86_64-linux-gnu/libgcc_s.so.1", "lib/x86_64-linux-gnu/libz.so.1", "etc/ssl/certs/ca-certificates.crt",
        "usr/share/zoneinfo/Etc/UTC", "etc/os-release", "var/lib/dpkg/status.d/libc6"))
        .as("libraries and data the runtime needs").allMatch(files::containsKey);
    assertThat(files.get("tmp").mode() & 01777).as("/tmp is world-writable and sticky").isEqualTo(01777);
  }

  @Test
  void twoBuildsFromScratchGiveTheSameImageDigest() throws IOException {
    final String digest = Files.readString(Path.of(property("image.digest"))).trim();
    final String again = Files.readString(Path.of(property("image.again.digest"))).trim();
    assertThat(digest).startsWith("sha256:");
    assertThat(again).as("digest of the second build (base assembled again, jlink again)").isEqualTo(digest);
    assertThat(sha256(Path.of(property("image.again.tar")))).as("the two tarballs byte for byte")
        .isEqualTo(sha256(Path.of(property("image.tar"))));
  }

  @Test
  void baseSbomListsTheDebianPackagesAndTheRuntime() throws IOException {
    final Path baseDir = Path.of(property("image.base.digest")).getParent();
    final JsonNode sbom = JSON.readTree(baseDir.resolve("base.cdx.json").toFile());
    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    final List<String> purls = new ArrayList<>();
    sbom.path("components").forEach(component -> purls.add(component.path("purl").asText()));
    assertThat(purls).anyMatch(purl -> purl.startsWith("pkg:deb/debian/libc6@"));
    assertThat(sbom.path("components").toString()).contains("jlink:modules");
    assertThat(sbom.path("metadata").path("component").path("version").asText())
        .isEqualTo(Files.readString(Path.of(property("image.base.digest"))).trim());
  }

  /**
   * The image's own file system, unpacked and entered with chroot as uid 10001, in fresh PID and mount namespaces
   * with /proc and /dev as a runtime gives them: the processor must start on the jlink runtime and the Debian
   * libraries alone, become ready against a real broker and registry, and stop cleanly on SIGTERM.
   */
  @Test
  void theImageRunsTheProcessorAsItsUser(final StackEndpoints stack) throws Exception {
    final Optional<Path> unshare = tool("unshare");
    final Optional<Path> chroot = tool("chroot");
    Assumptions.assumeTrue(isRoot() && unshare.isPresent() && chroot.isPresent()
        && succeeds(List.of(unshare.get().toString(), "--fork", "--pid", "--mount", "true")),
        "running the image's file system needs root allowed to unshare (CI has it), and unshare and chroot");
    final Path rootfs = work.resolve("rootfs");
    Files.createDirectories(rootfs);
    for (final Path layer : image.layers()) {
      run(List.of("tar", "--same-owner", "-xpzf", layer.toString(), "-C", rootfs.toString()));
    }
    // What a container runtime writes into every container.
    Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
    Files.writeString(rootfs.resolve("etc/resolv.conf"), "nameserver 127.0.0.1\n");
    Files.writeString(rootfs.resolve("etc/hostname"), "image-it\n");

    // sh runs on the host, inside the new namespaces: it mounts /dev there, then chroot drops to the image's user.
    final String enter = "root=$0; chroot=$1; user=$2; shift 2; "
        + "mount --rbind /dev \"$root/dev\" && exec \"$chroot\" --userspec=\"$user\" \"$root\" \"$@\"";
    final List<String> command = new ArrayList<>(List.of(unshare.get().toString(), "--fork", "--pid", "--mount",
        "--mount-proc=" + rootfs.resolve("proc"), "--", "/bin/sh", "-c", enter, rootfs.toString(),
        chroot.get().toString(), image.containerConfig().path("User").asText()));
    command.addAll(ENTRYPOINT);
    final Path log = work.resolve("processor.log");
    final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().clear();
    image.containerConfig().path("Env").forEach(variable -> {
      final String[] pair = variable.asText().split("=", 2);
      builder.environment().put(pair[0], pair[1]);
    });
    builder.environment().putAll(Map.of(
        "RNG_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
        "RNG_REGISTRY_URL", stack.registryUrl(),
        "RNG_APPLICATION_ID", "image-it",
        "RNG_INSTANCE_ID", "image-it",
        "RNG_TOPICS_REQUESTS", "rng.requests.image",
        "RNG_TOPICS_REPLIES", "rng.replies.image",
        "RNG_TOPICS_AUDIT", "rng.audit.image",
        "RNG_TOPICS_DEAD_LETTERS", "rng.requests.dlq.image",
        "RNG_MANAGEMENT_HOST", "127.0.0.1",
        "RNG_MANAGEMENT_PORT", "0"));
    // An ephemeral signing key: production mode would want a mounted key file.
    builder.environment().put("RNG_MODE", "development");
    final Process process = builder.start();
    try {
      final int port = await("the processor's management port in its log").atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> managementPort(log, process), found -> found > 0);
      final HttpClient http = HttpClient.newHttpClient();
      await("/ready answers 200").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> status(http, port, "/ready", process) == 200);

      final ProcessHandle java = process.descendants()
          .filter(handle -> handle.info().command().orElse("").endsWith("/opt/java/bin/java"))
          .findFirst().orElseThrow(() -> new AssertionError("no java process under " + process.info()));
      assertThat(uidOf(java)).as("uid of the processor").isEqualTo(10001);
      java.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
      assertThat(process.exitValue()).as("exit status after SIGTERM (log: " + log + ")").isIn(0, 143);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    final String output = Files.readString(log);
    assertThat(output).as("JSON log lines").contains("\"level\"").contains("Kafka Streams closed cleanly");
  }

  private static int managementPort(final Path log, final Process process) throws IOException {
    if (!process.isAlive()) {
      throw new AssertionError("the image's processor exited with " + process.exitValue() + ":\n"
          + Files.readString(log));
    }
    for (final String line : Files.readAllLines(log)) {
      final int at = line.indexOf("management port ");
      if (at >= 0) {
        return Integer.parseInt(line.substring(at + "management port ".length()).replaceAll("\\D.*", ""));
      }
    }
    return 0;
  }

  private static int status(final HttpClient http, final int port, final String path, final Process process) {
    if (!process.isAlive()) {
      throw new AssertionError("the image's processor exited with " + process.exitValue());
    }
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int uidOf(final ProcessHandle handle) throws IOException {
    for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(handle.pid()), "status"))) {
      if (line.startsWith("Uid:")) {
        return Integer.parseInt(line.split("\\s+")[1]);
      }
    }
    throw new AssertionError("no Uid line for process " + handle.pid());
  }

  private static boolean isRoot() {
    try {
      return uidOf(ProcessHandle.current()) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<Path> tool(final String name) {
    return List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin").stream().map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable).findFirst();
  }

  private static boolean succeeds(final List<String> command) {
    try {
      final Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(final List<String> command) throws IOException, InterruptedException {
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private static List<String> strings(final JsonNode array) {
    final List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(value -> values.add(value.asText()));
    }
    return values;
  }

  private static String sha256(final Path file) throws IOException {
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(file)) {
        final byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String property(final String name) {
    final String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set (run through Maven: ./mvnw -pl image verify)");
    }
    return value;
  }

  private static void deleteTree(final Path root) throws IOException, InterruptedException {
    // rm copes with what a previous run left: read-only directories, a sticky /tmp, a Kafka Streams state dir.
    run(List.of("rm", "-rf", root.toString()));
  }
}
