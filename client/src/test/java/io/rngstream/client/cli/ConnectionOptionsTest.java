package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConnectionOptionsTest {
  private static final Map<String, String> ENV = Map.of(
      ConnectionOptions.BOOTSTRAP_ENV, "env:9092", ConnectionOptions.REGISTRY_ENV, "http://env/apis/registry/v3");

  @TempDir
  Path workingDirectory;

  @Test
  void prefersTheOptionsOverTheEnvironment() {
    final Endpoints endpoints = parse("--bootstrap-servers", "flag:9092").resolve(environment(ENV));

    assertThat(endpoints.bootstrapServers()).isEqualTo("flag:9092");
    assertThat(endpoints.registryUrl()).isEqualTo("http://env/apis/registry/v3");
  }

  @Test
  void fallsBackToTheEnvironment() {
    assertThat(parse().resolve(environment(ENV)))
        .isEqualTo(new Endpoints("env:9092", "http://env/apis/registry/v3", "the environment"));
  }

  @Test
  void fallsBackToTheLocalStackFileInTheWorkingDirectory() throws IOException {
    localStack("bootstrap.servers=127.0.0.1:1234\nregistry.url=http://127.0.0.1:5678/apis/registry/v3\n");

    final Endpoints endpoints = parse().resolve(environment(Map.of()));

    assertThat(endpoints.bootstrapServers()).isEqualTo("127.0.0.1:1234");
    assertThat(endpoints.registryUrl()).isEqualTo("http://127.0.0.1:5678/apis/registry/v3");
    assertThat(endpoints.origin()).contains(".rng");
  }

  @Test
  void looksForTheLocalStackFileInTheProjectFolderThatRngSets(@TempDir final Path elsewhere) throws IOException {
    localStack("bootstrap.servers=127.0.0.1:1234\nregistry.url=http://127.0.0.1:5678/apis/registry/v3\n");

    final Endpoints endpoints = parse().resolve(new CliEnvironment(
        Map.of(ConnectionOptions.HOME_ENV, workingDirectory.toString()), elsewhere));

    assertThat(endpoints.bootstrapServers()).isEqualTo("127.0.0.1:1234");
  }

  @Test
  void namesTheMissingKeyOfAnIncompleteLocalStackFile() throws IOException {
    localStack("bootstrap.servers=127.0.0.1:1234\n");

    assertThatThrownBy(() -> parse().resolve(environment(Map.of())))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("registry.url");
  }

  @Test
  void explainsTheThreeWaysWhenNothingIsConfigured() {
    assertThatThrownBy(() -> parse().resolve(environment(Map.of())))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("--bootstrap-servers")
        .hasMessageContaining(ConnectionOptions.REGISTRY_ENV)
        .hasMessageContaining("./rng up");
  }

  private void localStack(final String content) throws IOException {
    final Path file = workingDirectory.resolve(ConnectionOptions.LOCAL_STACK_FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private CliEnvironment environment(final Map<String, String> variables) {
    return new CliEnvironment(variables, workingDirectory);
  }

  private static ConnectionOptions parse(final String... args) {
    return CommandLine.populateCommand(new ConnectionOptions(), args);
  }
}
