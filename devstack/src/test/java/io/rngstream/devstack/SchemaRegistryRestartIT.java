package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Its own registry, so stopping it leaves the shared stack alone. */
class SchemaRegistryRestartIT {

    @Test
    void stopsAndStartsAgainOnTheSameUrl() throws Exception {
        final Path workDir = Path.of("target", "registry-restart-it-" + ProcessHandle.current().pid());
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(
                SchemaRegistryServer.Config.defaults().withWorkDir(workDir));
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            final String url = registry.url();
            final long firstPid = registry.pid().orElseThrow();

            registry.stop();
            assertThat(registry.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).as("first registry JVM").isEmpty();
            assertThat(LoopbackPorts.isFree(registry.port())).as("registry port after stop").isTrue();

            registry.start();
            assertThat(registry.url()).isEqualTo(url);
            assertThat(registry.pid().orElseThrow()).as("pid of the restarted registry").isNotEqualTo(firstPid);
            final HttpResponse<Void> info = http.send(HttpRequest.newBuilder(URI.create(url + "/system/info")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(info.statusCode()).isEqualTo(200);
        } finally {
            Directories.deleteRecursively(workDir);
        }
    }
}
