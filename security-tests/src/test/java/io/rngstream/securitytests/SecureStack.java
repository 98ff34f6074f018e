package io.rngstream.securitytests;

import io.rngstream.devstack.BrokerSecurity;
import io.rngstream.devstack.KafkaBroker;
import io.rngstream.devstack.SchemaRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One secure broker (SASL_SSL with SCRAM-SHA-512, mutual TLS, standard authorizer, no access without ACLs) and a
 * real Apicurio registry per test JVM, started on first use and stopped when the JVM's tests are done. Tests get it
 * as a parameter.
 */
public final class SecureStack implements ParameterResolver, AutoCloseable {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SecureStack.class);

  private final KafkaBroker broker;
  private final SchemaRegistryServer registry;
  private final Path workDir;

  /** For JUnit only: the extension instance; the stack itself is made by {@link #start()}. */
  public SecureStack() {
    this(null, null, null);
  }

  private SecureStack(final KafkaBroker broker, final SchemaRegistryServer registry, final Path workDir) {
    this.broker = broker;
    this.registry = registry;
    this.workDir = workDir;
  }

  private static SecureStack start() {
    final Path workDir = Path.of("target", "secure-stack-" + ProcessHandle.current().pid()).toAbsolutePath();
    final BrokerSecurity security = BrokerSecurity.create(workDir.resolve("tls"));
    final KafkaBroker broker = new KafkaBroker(KafkaBroker.Config.defaults()
        .withDataDir(workDir.resolve("kafka")).withSecurity(security));
    final SchemaRegistryServer registry = new SchemaRegistryServer(SchemaRegistryServer.Config.defaults()
        .withWorkDir(workDir.resolve("registry")));
    final CompletableFuture<Void> registryStarted = CompletableFuture.runAsync(registry::start);
    try {
      broker.start();
      registryStarted.join();
    } catch (RuntimeException e) {
      registryStarted.handle((ignored, failure) -> null).join();
      registry.close();
      broker.close();
      throw e;
    }
    return new SecureStack(broker, registry, workDir);
  }

  @Override
  public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == SecureStack.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(SecureStack.class, type -> start(), SecureStack.class);
  }

  /** SASL_SSL bootstrap servers. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Bootstrap servers of the listener that requires a client certificate. */
  public String mutualTlsBootstrapServers() {
    return broker.mutualTlsBootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  public BrokerSecurity security() {
    return broker.security();
  }

  /** A directory under target/ for files of one test. */
  public Path workDir(final String name) {
    try {
      return Files.createDirectories(workDir.resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An Admin client of the operator (a super user), as production's infrastructure-as-code would use. */
  public Admin operatorAdmin() {
    return Admin.create(broker.adminClientProperties());
  }

  /** Client settings of the operator (a super user), for reading what other roles may not, such as dead letters. */
  public Map<String, Object> operatorClient() {
    return new HashMap<>(broker.adminClientProperties());
  }

  /** Creates SCRAM user {@code user} with a random password and returns SASL_SSL client settings for it. */
  public Map<String, Object> newScramUser(final String user) {
    final String password = BrokerSecurity.randomSecret();
    try (Admin admin = operatorAdmin()) {
      BrokerSecurity.upsertScramUser(admin, user, password);
    }
    final Map<String, Object> settings = new HashMap<>(security().scramClient(user, password));
    settings.put("bootstrap.servers", bootstrapServers());
    // The broker learns new credentials from the metadata log a moment after the controller accepted them.
    Awaitility.await("SCRAM user " + user + " can log in").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
          try (Admin admin = Admin.create(settings)) {
            return !admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty();
          }
        });
    return settings;
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
