package io.rngstream.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running inside this JVM on 127.0.0.1.
 * It can be stopped and started again on the same ports and data directory. With {@link Config#withSecurity} it
 * listens with SASL_SSL (SCRAM-SHA-512) and mutual TLS instead of PLAINTEXT, behind the standard authorizer.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    private final Config config;
    private final boolean temporaryDataDir;
    private final Path dataDir;
    private int port;
    private int controllerPort;
    private int sslPort;
    private KafkaRaftServer server;

    public KafkaBroker(final Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.temporaryDataDir = config.dataDir() == null;
        this.dataDir = temporaryDataDir ? Directories.createTemp("rng-kafka-") : config.dataDir().toAbsolutePath();
        this.port = config.port();
        this.controllerPort = config.controllerPort();
    }

    /** Creates a broker with {@code config} and starts it. */
    public static KafkaBroker start(final Config config) {
        final KafkaBroker broker = new KafkaBroker(config);
        broker.start();
        return broker;
    }

    /**
     * Formats the data directory if needed, starts the broker and returns once an Admin client sees it.
     * Ports left at 0 are chosen on the first start and kept for later ones.
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (port == 0) {
            port = LoopbackPorts.pickFreeExcept(controllerPort);
        }
        if (controllerPort == 0) {
            controllerPort = LoopbackPorts.pickFreeExcept(port);
        }
        LoopbackPorts.requireFree(port, "the Kafka broker");
        LoopbackPorts.requireFree(controllerPort, "the Kafka controller");
        if (config.security() != null) {
            while (sslPort == 0 || sslPort == port || sslPort == controllerPort) {
                sslPort = LoopbackPorts.pickFreeExcept(port);
            }
            LoopbackPorts.requireFree(sslPort, "the Kafka broker's SSL listener");
        }

        final long startNanos = System.nanoTime();
        final Properties properties = brokerProperties();
        format(properties);
        final KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        try {
            startWithin(starting, config.startTimeout());
            awaitAdminSeesCluster(remaining(startNanos));
        } catch (RuntimeException e) {
            shutDownQuietly(starting);
            throw e;
        }
        server = starting;
        LOG.info("Kafka broker ready on {} in {} ms (data in {})",
                bootstrapServers(), elapsedMillis(startNanos), dataDir);
    }

    /** Shuts the broker down; data and ports are kept for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        shutDownQuietly(server);
        server = null;
    }

    /** Stops the broker and deletes its data directory when it was a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (temporaryDataDir) {
            Directories.deleteRecursively(dataDir);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:<port>}; available once the broker has been started at least once. */
    public synchronized String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port();
    }

    public synchronized int port() {
        requireStartedOnce();
        return port;
    }

    /** {@code 127.0.0.1:<port>} of the mutual TLS listener of a secure broker. */
    public synchronized String mutualTlsBootstrapServers() {
        requireStartedOnce();
        if (config.security() == null) {
            throw new IllegalStateException("a plain broker has no SSL listener; use Config.withSecurity");
        }
        return LoopbackPorts.HOST + ":" + sslPort;
    }

    /** The security of a secure broker, or {@code null} for a plain one. */
    public BrokerSecurity security() {
        return config.security();
    }

    /** Settings for an Admin client with full rights: nothing for a plain broker, the admin super user otherwise. */
    public Map<String, Object> adminClientProperties() {
        final Map<String, Object> properties = new HashMap<>();
        if (config.security() != null) {
            properties.putAll(config.security().adminClient());
        }
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    public synchronized int controllerPort() {
        requireStartedOnce();
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void requireStartedOnce() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet, so its port is not chosen");
        }
    }

    private Properties brokerProperties() {
        final String host = LoopbackPorts.HOST;
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("process.roles", "broker,controller");
        values.put("node.id", Integer.toString(config.nodeId()));
        values.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        values.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        values.put("advertised.listeners", values.get("listeners"));
        values.put("controller.listener.names", "CONTROLLER");
        values.put("inter.broker.listener.name", "PLAINTEXT");
        values.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        values.put("log.dirs", logDir().toString());
        // One broker: internal topics must not ask for replicas that can never exist, or clients hang.
        values.put("offsets.topic.replication.factor", "1");
        values.put("offsets.topic.num.partitions", "3");
        values.put("transaction.state.log.replication.factor", "1");
        values.put("transaction.state.log.min.isr", "1");
        values.put("transaction.state.log.num.partitions", "3");
        values.put("share.coordinator.state.topic.replication.factor", "1");
        values.put("share.coordinator.state.topic.min.isr", "1");
        values.put("group.initial.rebalance.delay.ms", "0");
        values.put("num.partitions", "1");
        if (config.security() != null) {
            values.putAll(config.security().brokerProperties(port, sslPort, controllerPort));
        }
        values.putAll(config.brokerProperties());
        final Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    private Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    private void format(final Properties properties) {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        Directories.create(logDir());
        final Path configFile = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            properties.store(writer, "written by rng-devstack KafkaBroker");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + configFile, e);
        }
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            final List<String> arguments = new ArrayList<>(List.of(
                    "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()));
            if (config.security() != null) {
                // KRaft keeps SCRAM credentials in the metadata log: the broker's own user must be there before
                // it can connect to its SASL_SSL inter-broker listener.
                arguments.addAll(config.security().formatArguments());
            }
            exitCode = StorageTool.execute(arguments.toArray(String[]::new), out);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting the Kafka data directory " + logDir() + " failed (exit code "
                    + exitCode + "): " + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** KafkaRaftServer.startup() returns once the broker is unfenced, but may hang when the quorum never forms. */
    private void startWithin(final KafkaRaftServer starting, final Duration timeout) {
        final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "kafka-broker-startup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            final Future<?> startup = executor.submit(starting::startup);
            startup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw failure(new TimeoutException("broker startup did not finish within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(e);
        } finally {
            executor.shutdownNow();
        }
    }

    private void awaitAdminSeesCluster(final Duration timeout) {
        final Map<String, Object> adminConfig = new HashMap<>();
        if (config.security() != null) {
            adminConfig.putAll(config.security().adminClient());
        }
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LoopbackPorts.HOST + ":" + port);
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "rng-devstack-readiness");
        try (Admin admin = Admin.create(adminConfig)) {
            final int timeoutMs = (int) Math.max(1, timeout.toMillis());
            final int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                throw failure(new IllegalStateException("the cluster has no broker nodes"));
            }
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw failure(new TimeoutException("an Admin client could not describe the cluster within "
                    + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(e);
        }
    }

    private IllegalStateException failure(final Throwable cause) {
        final String where = "Kafka broker on " + LoopbackPorts.HOST + ":" + port
                + " (controller " + LoopbackPorts.HOST + ":" + controllerPort + ", data " + dataDir + ")";
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new IllegalStateException(where + " could not bind: a port on " + LoopbackPorts.HOST
                        + " is taken (" + t.getMessage() + ")", cause);
            }
        }
        return new IllegalStateException(where + " did not start: " + cause, cause);
    }

    private static void shutDownQuietly(final KafkaRaftServer raftServer) {
        try {
            raftServer.shutdown();
            raftServer.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker shutdown failed", e);
        }
    }

    private Duration remaining(final long startNanos) {
        return config.startTimeout().minusNanos(System.nanoTime() - startNanos);
    }

    private static long elapsedMillis(final long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /**
     * How to run the broker. A {@code null} data directory means a temporary one, deleted on {@link #close()};
     * port 0 means a free port chosen at the first start. Reuse a data directory only with the same ports.
     */
    public record Config(Path dataDir, int port, int controllerPort, int nodeId, Duration startTimeout,
                         Map<String, String> brokerProperties, BrokerSecurity security) {

        public Config {
            Objects.requireNonNull(startTimeout, "startTimeout");
            brokerProperties = Map.copyOf(brokerProperties);
            if (port < 0 || controllerPort < 0) {
                throw new IllegalArgumentException("ports must be 0 (pick a free one) or positive");
            }
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("broker and controller need different ports, both are " + port);
            }
        }

        /** Temporary data directory, free ports, node id 1, 60 s to start. */
        public static Config defaults() {
            return new Config(null, 0, 0, 1, Duration.ofSeconds(60), Map.of(), null);
        }

        public Config withDataDir(final Path dir) {
            return new Config(dir, port, controllerPort, nodeId, startTimeout, brokerProperties, security);
        }

        public Config withPort(final int brokerPort) {
            return new Config(dataDir, brokerPort, controllerPort, nodeId, startTimeout, brokerProperties, security);
        }

        public Config withControllerPort(final int port) {
            return new Config(dataDir, this.port, port, nodeId, startTimeout, brokerProperties, security);
        }

        /** Needed only for two brokers in one JVM, whose JMX names would otherwise clash. */
        public Config withNodeId(final int id) {
            return new Config(dataDir, port, controllerPort, id, startTimeout, brokerProperties, security);
        }

        public Config withStartTimeout(final Duration timeout) {
            return new Config(dataDir, port, controllerPort, nodeId, timeout, brokerProperties, security);
        }

        /**
         * SASL_SSL (SCRAM-SHA-512) on {@link #port}, mutual TLS on a second port, the standard authorizer without
         * access for principals without ACLs; {@code null} for the plain PLAINTEXT broker (the default).
         */
        public Config withSecurity(final BrokerSecurity brokerSecurity) {
            return new Config(dataDir, port, controllerPort, nodeId, startTimeout, brokerProperties, brokerSecurity);
        }

        /** Adds or overrides one broker property (server.properties key). */
        public Config withBrokerProperty(final String key, final String value) {
            final Map<String, String> merged = new LinkedHashMap<>(brokerProperties);
            merged.put(key, value);
            return new Config(dataDir, port, controllerPort, nodeId, startTimeout, merged, security);
        }
    }
}
