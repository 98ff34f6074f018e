package io.rngstream.reliability;

import static org.awaitility.Awaitility.await;

import io.rngstream.devstack.ChildJvm;
import io.rngstream.processor.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processor as its own JVM, as in production ({@link Main}, settings from {@code RNG_CONFIG_FILE}): started,
 * SIGKILLed, SIGTERMed and started again with the same settings, state directory and instance id.
 */
final class ProcessorProcess implements AutoCloseable {
  private static final Pattern MANAGEMENT_PORT = Pattern.compile("management port (\\d+)");

  private final String name;
  private final Path dir;
  private final Path configFile;
  private ChildJvm jvm;
  private Path log;
  private int starts;
  private ManagementProbe management;

  /** {@code settings} are processor keys (docs/configuration.md); they go to a properties file in {@code dir}. */
  ProcessorProcess(final String name, final Path dir, final Map<String, String> settings) {
    this.name = name;
    this.dir = dir.toAbsolutePath();
    this.configFile = this.dir.resolve(name + ".properties");
    final Properties properties = new Properties();
    properties.putAll(settings);
    try {
      Files.createDirectories(this.dir);
      try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
        properties.store(writer, "settings of the reliability test processor " + name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The settings every scenario shares; the caller adds or overrides what its scenario is about. */
  static Map<String, String> baseSettings(final String bootstrapServers, final String registryUrl, final TopicSet topics,
      final String applicationId, final SigningKeyFile key, final Path stateDir) {
    final Map<String, String> settings = new LinkedHashMap<>();
    settings.put("kafka.bootstrap.servers", bootstrapServers);
    settings.put("registry.url", registryUrl);
    settings.put("application.id", applicationId);
    settings.put("state.dir", stateDir.toAbsolutePath().toString());
    settings.put("topics.requests", topics.requests());
    settings.put("topics.replies", topics.replies());
    settings.put("topics.audit", topics.audit());
    settings.put("topics.dead-letters", topics.deadLetters());
    settings.put("management.host", "127.0.0.1");
    settings.put("management.port", "0");
    settings.put("signing.key-file", key.file().toString());
    // Checkpoints often, so that the verifier sees the whole trail covered by a signature soon after the load stops.
    settings.put("audit.checkpoint-every-records", "200");
    settings.put("audit.checkpoint-interval-ms", "1000");
    settings.put("registry.check-interval-ms", "500");
    settings.put("registry.stale-after-ms", "2000");
    settings.put("broker.check-interval-ms", "500");
    settings.put("broker.stale-after-ms", "2000");
    settings.put("shutdown.timeout-ms", "20000");
    // A SIGKILLed member stays in the group until its session times out (45 s by default, measured 47 s from the
    // kill to ready again): 6 s (the broker's minimum) keeps the scenarios short; docs/reliability.md says more.
    settings.put("kafka.session.timeout.ms", "6000");
    settings.put("kafka.heartbeat.interval.ms", "1500");
    return settings;
  }

  /** Starts a new JVM (a new log file each time); does not wait for it. */
  ProcessorProcess start() {
    if (jvm != null && jvm.isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    starts++;
    log = dir.resolve(name + "-" + starts + ".log");
    management = null;
    jvm = ChildJvm.builder(Main.class.getName())
        .classpath(System.getProperty("java.class.path"))
        .jvmArg("--enable-native-access=ALL-UNNAMED")
        .jvmArg("--sun-misc-unsafe-memory-access=allow")
        // Small and quick to start: four JVMs share two cores in these tests.
        .jvmArg("-Xmx256m")
        .jvmArg("-XX:+UseSerialGC")
        .jvmArg("-XX:TieredStopAtLevel=1")
        .environment("RNG_CONFIG_FILE", configFile.toString())
        .logFile(log)
        .start();
    return this;
  }

  /** Waits until the processor logged its management port and {@code /ready} answers 200. */
  ProcessorProcess awaitReady(final Duration timeout) {
    final long begin = System.nanoTime();
    await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!jvm.isAlive()) {
        throw new IllegalStateException(name + " exited with " + jvm.exitCode() + ":\n" + String.join("\n", jvm.lastLogLines(40)));
      }
      return management() != null && management.ready().status() == 200;
    });
    Scenario.report(name, "start_" + starts + "_ready_after_ms", Scenario.millisSince(begin));
    return this;
  }

  /** The management endpoints of the current JVM, once it logged its port; null before. */
  ManagementProbe management() {
    if (management == null) {
      final Matcher port = MANAGEMENT_PORT.matcher(logText());
      if (port.find()) {
        management = new ManagementProbe(Integer.parseInt(port.group(1)));
      }
    }
    return management;
  }

  /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
  void kill() {
    jvm.kill();
  }

  /** What a SIGTERM led to: the exit status and how long the JVM took to exit. */
  record Stop(int exitCode, Duration took) {
  }

  /**
   * SIGTERM alone, as Kubernetes sends it, then waits up to {@code grace} for the exit; returns the exit status and
   * the time it took. Not {@link ChildJvm#stop}, which kills quietly after its grace: here a late exit is a failure.
   */
  Stop terminate(final Duration grace) {
    final long start = System.nanoTime();
    ProcessHandle.of(jvm.pid()).ifPresent(ProcessHandle::destroy);
    try {
      final int exitCode = jvm.waitFor(grace);
      return new Stop(exitCode, Duration.ofNanos(System.nanoTime() - start));
    } catch (IllegalStateException stillRunning) {
      jvm.kill();
      throw new AssertionError(name + " did not exit within " + grace + " of SIGTERM", stillRunning);
    }
  }

  boolean isAlive() {
    return jvm != null && jvm.isAlive();
  }

  /** The current JVM's log (JSON lines). */
  String logText() {
    try {
      return log != null && Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    if (jvm != null) {
      jvm.stop(Duration.ofSeconds(5));
    }
  }
}
