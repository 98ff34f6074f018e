package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the JVM that started a registry must not leave the registry running: no shutdown hook runs then,
 * so only {@link ParentWatch} in the registry JVM can notice.
 */
class NoOrphanIT {

    @Test
    void registryDiesWhenTheJvmThatStartedItIsKilled() throws IOException {
        final Path workDir = Path.of("target", "no-orphan-it-" + ProcessHandle.current().pid()).toAbsolutePath();
        final ChildJvm holder = ChildJvm.builder(RegistryHolder.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .jvmArg("-Xmx128m")
                .arg(workDir.resolve("registry").toString())
                .logFile(workDir.resolve("holder.log"))
                .start();
        try {
            final long registryPid = await("registry pid printed by the holder JVM")
                    .atMost(Duration.ofSeconds(120))
                    .failFast("holder JVM exited", () -> !holder.isAlive())
                    .until(() -> printed(holder.logFile(), RegistryHolder.PID_PREFIX), Optional::isPresent)
                    .map(Long::parseLong).orElseThrow();
            final int registryPort = printed(holder.logFile(), RegistryHolder.PORT_PREFIX)
                    .map(Integer::parseInt).orElseThrow();
            assertThat(isRunning(registryPid)).as("registry JVM %s before the kill", registryPid).isTrue();
            assertThat(answers(registryPort)).as("registry port %s before the kill", registryPort).isTrue();

            holder.kill();

            await("registry JVM " + registryPid + " gone after SIGKILL of its parent")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !isRunning(registryPid));
            assertThat(answers(registryPort)).as("registry port %s after the kill", registryPort).isFalse();
        } finally {
            holder.kill();
            Directories.deleteRecursively(workDir);
        }
    }

    private static Optional<String> printed(final Path log, final String prefix) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim())
                .findFirst();
    }

    /** Alive and not a zombie: an orphan's exit is reaped by init, which some containers never do. */
    private static boolean isRunning(final long pid) throws IOException {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        final Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return !Files.isDirectory(Path.of("/proc/self"));
        }
        final String content = Files.readString(stat);
        final char state = content.charAt(content.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    private static boolean answers(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
