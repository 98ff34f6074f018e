package io.rngstream.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Kafka broker and Apicurio Registry on loopback: what integration tests and {@code ./rng demo} use. */
public final class DevStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);

    private final KafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final Path workDir;
    private final boolean deleteWorkDirOnClose;

    private DevStack(final KafkaBroker broker, final SchemaRegistryServer registry, final Path workDir,
                     final boolean deleteWorkDirOnClose) {
        this.broker = broker;
        this.registry = registry;
        this.workDir = workDir;
        this.deleteWorkDirOnClose = deleteWorkDirOnClose;
    }

    /** Starts a stack in a temporary directory, on free ports. */
    public static DevStack start() {
        return start(Options.defaults());
    }

    /** Starts the broker and the registry in parallel and returns when both answer. */
    public static DevStack start(final Options options) {
        final long startNanos = System.nanoTime();
        final Path workDir = options.workDir() != null
                ? Directories.create(options.workDir().toAbsolutePath())
                : Directories.createTemp("rng-devstack-");
        final boolean deleteOnClose = options.workDir() == null || options.deleteWorkDirOnClose();
        final KafkaBroker broker = new KafkaBroker(KafkaBroker.Config.defaults()
                .withDataDir(workDir.resolve("kafka"))
                .withPort(options.brokerPort())
                .withControllerPort(options.controllerPort())
                .withStartTimeout(options.startTimeout()));
        final SchemaRegistryServer registry = new SchemaRegistryServer(SchemaRegistryServer.Config.defaults()
                .withWorkDir(workDir.resolve("registry"))
                .withPort(options.registryPort())
                .withManagementPort(options.registryManagementPort())
                .withStartTimeout(options.startTimeout()));
        // The registry is a child JVM: start it first, so it boots while the broker starts here.
        final CompletableFuture<Void> registryStarted = CompletableFuture.runAsync(registry::start,
                runnable -> startThread("devstack-registry-start", runnable));
        try {
            broker.start();
            registryStarted.join();
        } catch (RuntimeException e) {
            registryStarted.handle((ignored, failure) -> null).join();
            closeQuietly(registry);
            closeQuietly(broker);
            if (deleteOnClose) {
                Directories.deleteRecursively(workDir);
            }
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        final DevStack stack = new DevStack(broker, registry, workDir, deleteOnClose);
        LOG.info("DevStack up in {} ms: {}", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                stack.endpoints());
        return stack;
    }

    /** The addresses clients need. */
    public StackEndpoints endpoints() {
        return new StackEndpoints(broker.bootstrapServers(), registry.url());
    }

    public KafkaBroker broker() {
        return broker;
    }

    public SchemaRegistryServer registry() {
        return registry;
    }

    public Path workDir() {
        return workDir;
    }

    /** Stops both; deletes the work directory when it was temporary or the options asked for it. */
    @Override
    public void close() {
        closeQuietly(registry);
        closeQuietly(broker);
        if (deleteWorkDirOnClose) {
            Directories.deleteRecursively(workDir);
        }
    }

    private static void startThread(final String name, final Runnable runnable) {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(final AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", part.getClass().getSimpleName(), e);
        }
    }

    /**
     * How to start a stack. A {@code null} work directory means a temporary one; ports at 0 mean free ones.
     * To keep Kafka data across runs, give a work directory, fixed ports and {@code deleteWorkDirOnClose=false}.
     */
    public record Options(Path workDir, boolean deleteWorkDirOnClose, int brokerPort, int controllerPort,
                          int registryPort, int registryManagementPort, Duration startTimeout) {

        public Options {
            Objects.requireNonNull(startTimeout, "startTimeout");
        }

        /** Temporary work directory, free ports, 90 s to start. */
        public static Options defaults() {
            return new Options(null, true, 0, 0, 0, 0, Duration.ofSeconds(90));
        }

        /** Uses {@code dir}; {@code deleteOnClose} says whether {@link DevStack#close()} removes it. */
        public Options withWorkDir(final Path dir, final boolean deleteOnClose) {
            return new Options(dir, deleteOnClose, brokerPort, controllerPort, registryPort,
                    registryManagementPort, startTimeout);
        }

        public Options withBrokerPorts(final int broker, final int controller) {
            return new Options(workDir, deleteWorkDirOnClose, broker, controller, registryPort,
                    registryManagementPort, startTimeout);
        }

        public Options withRegistryPorts(final int http, final int management) {
            return new Options(workDir, deleteWorkDirOnClose, brokerPort, controllerPort, http, management,
                    startTimeout);
        }

        public Options withStartTimeout(final Duration timeout) {
            return new Options(workDir, deleteWorkDirOnClose, brokerPort, controllerPort, registryPort,
                    registryManagementPort, timeout);
        }
    }
}
