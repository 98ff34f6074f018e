package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void runsTheMainClassBehindParentWatchWithArgsAndSystemProperties() {
        final ChildJvm child = ChildJvm.builder(EchoMain.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .systemProperty("echo.greeting", "hello")
                .arg("3").arg("two words")
                .logFile(dir.resolve("echo.log"))
                .start();

        assertThat(child.waitFor(Duration.ofSeconds(30))).as("exit code, log: %s", child.lastLogLines(20)).isEqualTo(3);
        assertThat(child.lastLogLines(10)).contains("args=3,two words", "greeting=hello");
        assertThat(child.command()).containsSubsequence(ParentWatch.class.getName(), EchoMain.class.getName(), "3");
        assertThat(child.command()).anyMatch(arg -> arg.startsWith("-D" + ParentWatch.PARENT_PID_PROPERTY + "="));
    }

    @Test
    void parentWatchAloneIsOnTheChildClassPathBesideTheApplication() {
        final ChildJvm.Builder builder = ChildJvm.builder("some.Main")
                .classpath(java.util.List.of(Path.of("/app.jar")))
                .logFile(dir.resolve("x.log"));

        final java.util.List<String> command = builder.command();

        assertThat(command.get(command.indexOf("-cp") + 1))
                .isEqualTo("/app.jar:" + dir.resolve("parent-watch.jar").toAbsolutePath());
    }

    @Test
    void stopEndsAChildThatWouldRunForever() {
        final ChildJvm child = ChildJvm.builder(SleepForever.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .logFile(dir.resolve("sleep.log"))
                .start();

        child.stop(Duration.ofSeconds(10));

        assertThat(child.isAlive()).isFalse();
    }

    /** Test child JVM that never ends by itself. */
    public static final class SleepForever {

        private SleepForever() {
        }

        public static void main(final String[] args) throws InterruptedException {
            Thread.currentThread().join();
        }
    }
}
