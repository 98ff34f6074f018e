package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryHomeTest {

    @TempDir
    Path dir;

    @Test
    void environmentVariableOverridesTheBuildLocation() throws IOException {
        Files.createFile(dir.resolve("quarkus-run.jar"));

        final Path home = RegistryHome.locate(key -> null, Map.of(RegistryHome.ENV, dir.toString())::get);

        assertThat(home).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void systemPropertyWinsOverTheEnvironment() throws IOException {
        Files.createFile(dir.resolve("quarkus-run.jar"));

        final Path home = RegistryHome.locate(Map.of(RegistryHome.PROPERTY, dir.toString())::get,
                Map.of(RegistryHome.ENV, "/nowhere")::get);

        assertThat(home).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void missingRegistrySaysHowToBuildIt() {
        assertThatThrownBy(() -> RegistryHome.locate(key -> null, Map.of(RegistryHome.ENV, dir.toString())::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("./mvnw -pl devstack -am install")
                .hasMessageContaining("apicurio-registry-app:3.3.3:tar.gz:all")
                .hasMessageContaining(RegistryHome.ENV);
    }

    @Test
    void theBuildLocationIsTheUnpackedArchive() {
        assertThat(RegistryHome.locate(key -> null, key -> null))
                .endsWith(Path.of("target", "apicurio-registry"));
    }
}
