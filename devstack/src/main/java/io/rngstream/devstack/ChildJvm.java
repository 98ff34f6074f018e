package io.rngstream.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * A child JVM that cannot outlive this one: {@link ParentWatch} runs in front of its main class, standard input
 * is a pipe from this JVM, and output goes to a log file. A JVM shutdown hook stops it on clean exits.
 */
public final class ChildJvm implements AutoCloseable {

    /** How long {@link #close()} waits after SIGTERM before it sends SIGKILL. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private static final String WATCH_JAR = "parent-watch.jar";

    private final Process process;
    private final List<String> command;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildJvm(final Process process, final List<String> command, final Path logFile) {
        this.process = process;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.shutdownHook = new Thread(() -> terminate(Duration.ofSeconds(5)), "child-jvm-" + process.pid() + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        process.onExit().thenRun(this::removeShutdownHook);
    }

    /** Starts building the command line for a child JVM that runs {@code mainClass}. */
    public static Builder builder(final String mainClass) {
        return new Builder(mainClass);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The full command line, {@code java} first. */
    public List<String> command() {
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    /** Completes when the child has exited. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code, or empty while the child runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits for the child to exit by itself and returns its exit code; throws when it is still running. */
    public int waitFor(final Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("child JVM " + pid() + " still running after " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for child JVM " + pid(), e);
        }
    }

    /** Asks the child to exit (SIGTERM, its shutdown hooks run), then kills it after {@code grace}; waits. */
    public void stop(final Duration grace) {
        terminate(grace);
        removeShutdownHook();
    }

    /** Kills the child at once (SIGKILL, no shutdown hooks) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        removeShutdownHook();
    }

    /** The last {@code count} lines of the child's log, for error messages. */
    public List<String> lastLogLines(final int count) {
        return LogTail.lastLines(logFile, count);
    }

    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    private void terminate(final Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        // SIGTERM alone, through the handle: Process.destroy() also closes the child's standard input, which its
        // ParentWatch reads as "the parent died" and races the shutdown hooks with an exit of its own (status 1).
        process.toHandle().destroy();
        if (!awaitExit(grace)) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private boolean awaitExit(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to; nothing to undo.
        }
    }

    /** Builds the command line; {@link #start()} may be called again for a restart with the same settings. */
    public static final class Builder {

        private final String mainClass;
        private final List<Path> classpath = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private Path workingDir;
        private Path logFile;

        private Builder(final String mainClass) {
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        }

        /** Appends entries to the class path (jars or directories). */
        public Builder classpath(final List<Path> entries) {
            classpath.addAll(entries);
            return this;
        }

        /** Appends the entries of a {@code java.class.path}-style string. */
        public Builder classpath(final String pathSeparated) {
            for (final String entry : pathSeparated.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classpath.add(Path.of(entry));
                }
            }
            return this;
        }

        /** Adds an option for the {@code java} launcher, such as {@code -Xmx256m}. */
        public Builder jvmArg(final String jvmArg) {
            jvmArgs.add(jvmArg);
            return this;
        }

        public Builder systemProperty(final String key, final String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** Appends an argument for the main class. */
        public Builder arg(final String arg) {
            args.add(arg);
            return this;
        }

        public Builder environment(final String name, final String value) {
            environment.put(name, value);
            return this;
        }

        /** The {@code java} binary; the current JVM's by default. */
        public Builder java(final Path javaExecutable) {
            this.java = javaExecutable;
            return this;
        }

        public Builder workingDir(final Path dir) {
            this.workingDir = dir;
            return this;
        }

        /** Required: where standard output and error go; the ParentWatch jar is written beside it. */
        public Builder logFile(final Path file) {
            this.logFile = file;
            return this;
        }

        /** The command line {@link #start()} would run. */
        public List<String> command() {
            requireLogFile();
            return command(watchJarPath());
        }

        /** Starts the child JVM; it does not wait for anything inside the child to be ready. */
        public ChildJvm start() {
            requireLogFile();
            final Path absoluteLog = logFile.toAbsolutePath();
            Directories.create(absoluteLog.getParent());
            final List<String> command = command(writeWatchJar(absoluteLog.getParent()));
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.to(absoluteLog.toFile()))
                    // The pipe is the point: it closes when this JVM dies, and ParentWatch sees EOF.
                    .redirectInput(Redirect.PIPE);
            if (workingDir != null) {
                builder.directory(Directories.create(workingDir).toFile());
            }
            builder.environment().putAll(environment);
            try {
                return new ChildJvm(builder.start(), command, absoluteLog);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start child JVM " + String.join(" ", command), e);
            }
        }

        private void requireLogFile() {
            if (logFile == null) {
                throw new IllegalStateException("ChildJvm needs a logFile for " + mainClass);
            }
        }

        private Path watchJarPath() {
            return logFile.toAbsolutePath().getParent().resolve(WATCH_JAR);
        }

        private List<String> command(final Path watchJar) {
            final List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmArgs);
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
            command.add("-cp");
            final List<Path> entries = new ArrayList<>(classpath);
            entries.add(watchJar);
            command.add(entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            command.add(ParentWatch.class.getName());
            command.add(mainClass);
            command.addAll(args);
            return command;
        }

        /** Copies ParentWatch alone into a jar, so no other class of ours lands on the child's class path. */
        private static Path writeWatchJar(final Path dir) {
            final String entryName = ParentWatch.class.getName().replace('.', '/') + ".class";
            final Path target = dir.resolve(WATCH_JAR);
            try (InputStream classBytes = ParentWatch.class.getClassLoader().getResourceAsStream(entryName)) {
                if (classBytes == null) {
                    throw new IllegalStateException("cannot read " + entryName + " from the class path");
                }
                final Path temp = Files.createTempFile(dir, WATCH_JAR, ".tmp");
                final Manifest manifest = new Manifest();
                manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
                try (OutputStream file = Files.newOutputStream(temp);
                     JarOutputStream jar = new JarOutputStream(file, manifest)) {
                    jar.putNextEntry(new JarEntry(entryName));
                    classBytes.transferTo(jar);
                    jar.closeEntry();
                }
                // Atomic, so children started concurrently from the same directory never see half a jar.
                return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
    }
}
