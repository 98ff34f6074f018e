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

  @Test
  void passesTheClientConfigFileToKafkaAndTheRegistrySerdes() throws IOException {
    final Path file = workingDirectory.resolve("client.properties");
    Files.writeString(file, """
        security.protocol=SASL_SSL
        sasl.mechanism=AWS_MSK_IAM
        sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
        sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
        apicurio.auth.username=auditor
        """);

    final Endpoints endpoints = parse("--client-config", file.toString()).resolve(environment(ENV));

    assertThat(endpoints.kafkaProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;")
        .doesNotContainKey("apicurio.auth.username");
    assertThat(endpoints.registryProperties()).containsExactly(Map.entry("apicurio.auth.username", "auditor"));
    assertThat(endpoints.kafkaConfig(Map.of("isolation.level", "read_committed")))
        .containsEntry("bootstrap.servers", "env:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("isolation.level", "read_committed");
  }

  @Test
  void takesTheClusterFromTheClientConfigWhenNothingElseNamesIt() throws IOException {
    Files.writeString(workingDirectory.resolve("msk.properties"),
        "bootstrap.servers=b-1.msk:9098\napicurio.registry.url=https://registry/apis/registry/v3\n");

    final Endpoints endpoints = parse().resolve(environment(Map.of(ConnectionOptions.CLIENT_CONFIG_ENV,
        "msk.properties")));

    assertThat(endpoints.bootstrapServers()).isEqualTo("b-1.msk:9098");
    assertThat(endpoints.registryUrl()).isEqualTo("https://registry/apis/registry/v3");
    assertThat(endpoints.kafkaProperties()).isEmpty();
    assertThat(endpoints.registryProperties()).isEmpty();
  }

  @Test
  void saysWhichClientConfigFileIsMissing() {
    assertThatThrownBy(() -> parse("--client-config", "nowhere.properties").resolve(environment(ENV)))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("nowhere.properties");
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
