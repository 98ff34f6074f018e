package io.rngstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry 3 server as a child JVM on 127.0.0.1 with in-memory storage; the child dies with
 * this JVM (see {@link ChildJvm}). It can be stopped and started again on the same ports.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String API_PATH = "/apis/registry/v3";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_LINES_IN_ERRORS = 20;

    private final Config config;
    private final boolean temporaryWorkDir;
    private final Path workDir;
    private int port;
    private int managementPort;
    private ChildJvm process;

    public SchemaRegistryServer(final Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.temporaryWorkDir = config.workDir() == null;
        this.workDir = temporaryWorkDir ? Directories.createTemp("rng-registry-") : config.workDir().toAbsolutePath();
        this.port = config.port();
        this.managementPort = config.managementPort();
    }

    /** Creates a registry with {@code config} and starts it. */
    public static SchemaRegistryServer start(final Config config) {
        final SchemaRegistryServer registry = new SchemaRegistryServer(config);
        registry.start();
        return registry;
    }

    /**
     * Launches the registry and returns once {@code GET /apis/registry/v3/system/info} answers 200.
     * Ports left at 0 are chosen on the first start and kept for later ones.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        final Path home = config.registryHome() != null ? config.registryHome() : RegistryHome.locate();
        if (port == 0) {
            port = LoopbackPorts.pickFreeExcept(managementPort);
        }
        if (managementPort == 0) {
            managementPort = LoopbackPorts.pickFreeExcept(port);
        }
        LoopbackPorts.requireFree(port, "the Apicurio Registry HTTP port");
        LoopbackPorts.requireFree(managementPort, "the Apicurio Registry management port");

        final long startNanos = System.nanoTime();
        process = command(home).start();
        try {
            awaitReady(process, startNanos);
        } catch (RuntimeException e) {
            process.kill();
            process = null;
            throw e;
        }
        LOG.info("Apicurio Registry ready on {} in {} ms (pid {}, log {})",
                url(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.pid(), logFile());
    }

    /** Stops the registry (its in-memory content is lost); ports are kept for {@link #start()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(ChildJvm.DEFAULT_STOP_GRACE);
            process = null;
        }
    }

    /** Stops the registry and deletes its work directory when it was a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (temporaryWorkDir) {
            Directories.deleteRecursively(workDir);
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>/apis/registry/v3}; available once started at least once. */
    public synchronized String url() {
        return "http://" + LoopbackPorts.HOST + ":" + port() + API_PATH;
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the registry has not been started yet, so its port is not chosen");
        }
        return port;
    }

    /** The pid of the registry JVM, while it runs. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** The registry's output (Quarkus logs); rewritten at each start. */
    public Path logFile() {
        return workDir.resolve("registry.log");
    }

    private ChildJvm.Builder command(final Path home) {
        final Path runJar = home.resolve(RegistryHome.RUN_JAR);
        final ChildJvm.Builder builder = ChildJvm.builder(mainClassOf(runJar, home))
                .classpath(List.of(runJar))
                .jvmArg("-Xmx" + config.maxHeap())
                .jvmArg("-XX:+UseSerialGC")
                .jvmArg("-XX:TieredStopAtLevel=1")
                .workingDir(workDir)
                .logFile(logFile())
                // Vert.x and Quarkus write temporary files; keep them in the work directory.
                .systemProperty("java.io.tmpdir", Directories.create(workDir.resolve("tmp")).toString())
                .systemProperty("quarkus.http.host", LoopbackPorts.HOST)
                .systemProperty("quarkus.http.port", Integer.toString(port))
                .systemProperty("quarkus.management.host", LoopbackPorts.HOST)
                .systemProperty("quarkus.management.port", Integer.toString(managementPort));
        // The run jar's manifest asks for these; they only apply by themselves under `java -jar`.
        launcherOptionsOf(runJar).forEach(builder::jvmArg);
        config.systemProperties().forEach(builder::systemProperty);
        return builder;
    }

    private static String mainClassOf(final Path runJar, final Path home) {
        final String mainClass = manifest(runJar).getValue(Attributes.Name.MAIN_CLASS);
        if (mainClass == null) {
            throw new IllegalStateException(runJar + " has no Main-Class; is " + home + " an unpacked Quarkus app?");
        }
        return mainClass;
    }

    private static List<String> launcherOptionsOf(final Path runJar) {
        final Attributes attributes = manifest(runJar);
        final List<String> options = new ArrayList<>();
        final String addOpens = attributes.getValue("Add-Opens");
        if (addOpens != null) {
            for (final String packageName : addOpens.trim().split("\\s+")) {
                options.add("--add-opens=" + packageName + "=ALL-UNNAMED");
            }
        }
        if (attributes.getValue("Enable-Native-Access") != null) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        return options;
    }

    private static Attributes manifest(final Path jar) {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            return jarFile.getManifest() == null ? new Attributes() : jarFile.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }

    private void awaitReady(final ChildJvm child, final long startNanos) {
        final long deadline = startNanos + config.startTimeout().toNanos();
        final HttpRequest systemInfo = HttpRequest.newBuilder(URI.create(url() + "/system/info"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            String lastProblem = "no answer yet";
            while (true) {
                if (!child.isAlive()) {
                    throw startFailure(child, "the registry JVM exited with code " + child.exitCode().orElse(-1));
                }
                try {
                    final int status = http.send(systemInfo, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        return;
                    }
                    lastProblem = "GET /system/info answered " + status;
                } catch (IOException e) {
                    lastProblem = "GET /system/info failed: " + e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw startFailure(child, "not ready within " + config.startTimeout().toSeconds() + " s ("
                            + lastProblem + ")");
                }
                pauseWatchingExit(child);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure(child, "interrupted while waiting for the registry");
        }
    }

    /** Waits one poll interval, returning early when the child exits. */
    private static void pauseWatchingExit(final ChildJvm child) throws InterruptedException {
        try {
            child.onExit().get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            // Poll again.
        }
    }

    private IllegalStateException startFailure(final ChildJvm child, final String what) {
        final List<String> tail = child.lastLogLines(200);
        final String joined = String.join("\n", tail);
        final StringBuilder message = new StringBuilder("Apicurio Registry did not start on ")
                .append(LoopbackPorts.HOST).append(':').append(port).append(": ").append(what);
        if (joined.contains("Address already in use") || joined.contains("Port already bound")) {
            message.append("; cause: port ").append(port).append(" or ").append(managementPort).append(" on ")
                    .append(LoopbackPorts.HOST).append(" is taken");
        } else if (joined.contains("UnsupportedClassVersionError")) {
            message.append("; cause: JDK too old: ").append(child.command().get(0))
                    .append(" cannot run Apicurio Registry 3, which needs Java 21 or newer");
        }
        message.append(". Command: ").append(String.join(" ", child.command()))
                .append("\nLast lines of ").append(logFile()).append(":\n")
                .append(LogTail.indented(logFile(), LOG_LINES_IN_ERRORS));
        return new IllegalStateException(message.toString());
    }

    /**
     * How to run the registry. A {@code null} home means {@link RegistryHome#locate()}; a {@code null} work
     * directory means a temporary one deleted on {@link #close()}; port 0 means a free port chosen at first start.
     */
    public record Config(Path registryHome, Path workDir, int port, int managementPort, String maxHeap,
                         Duration startTimeout, Map<String, String> systemProperties) {

        public Config {
            Objects.requireNonNull(maxHeap, "maxHeap");
            Objects.requireNonNull(startTimeout, "startTimeout");
            systemProperties = Map.copyOf(systemProperties);
            if (port < 0 || managementPort < 0) {
                throw new IllegalArgumentException("ports must be 0 (pick a free one) or positive");
            }
            if (port != 0 && port == managementPort) {
                throw new IllegalArgumentException("HTTP and management need different ports, both are " + port);
            }
        }

        /** Located home, temporary work directory, free ports, 256 MB heap, 60 s to start. */
        public static Config defaults() {
            return new Config(null, null, 0, 0, "256m", Duration.ofSeconds(60), Map.of());
        }

        public Config withRegistryHome(final Path home) {
            return new Config(home, workDir, port, managementPort, maxHeap, startTimeout, systemProperties);
        }

        public Config withWorkDir(final Path dir) {
            return new Config(registryHome, dir, port, managementPort, maxHeap, startTimeout, systemProperties);
        }

        public Config withPort(final int httpPort) {
            return new Config(registryHome, workDir, httpPort, managementPort, maxHeap, startTimeout, systemProperties);
        }

        public Config withManagementPort(final int port) {
            return new Config(registryHome, workDir, this.port, port, maxHeap, startTimeout, systemProperties);
        }

        public Config withStartTimeout(final Duration timeout) {
            return new Config(registryHome, workDir, port, managementPort, maxHeap, timeout, systemProperties);
        }

        /** Adds or overrides one system property of the registry JVM (Quarkus/Apicurio settings). */
        public Config withSystemProperty(final String key, final String value) {
            final Map<String, String> merged = new LinkedHashMap<>(systemProperties);
            merged.put(key, value);
            return new Config(registryHome, workDir, port, managementPort, maxHeap, startTimeout, merged);
        }
    }
}
