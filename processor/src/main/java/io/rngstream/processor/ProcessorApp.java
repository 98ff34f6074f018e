package io.rngstream.processor;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.audit.SigningKeys;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.BrokerProbe;
import io.rngstream.processor.observe.JvmMeters;
import io.rngstream.processor.observe.KafkaMetricsBridge;
import io.rngstream.processor.observe.ManagementServer;
import io.rngstream.processor.observe.ProcessorMetrics;
import io.rngstream.processor.observe.RegistryProbe;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.observe.StreamsHealth;
import io.rngstream.processor.observe.Telemetry;
import io.rngstream.processor.topics.AdminTopicPartitionCounts;
import io.rngstream.processor.topics.TopicProvisioner;
import io.rngstream.processor.topology.ContractSerdes;
import io.rngstream.processor.topology.RegistryRetry;
import io.rngstream.processor.topology.RegistryUnavailableException;
import io.rngstream.processor.topology.RequestTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processor: topics checked, the topology started, the management server beside it. Closing it
 * closes the streams within the configured shutdown timeout, then the rest.
 */
public final class ProcessorApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorApp.class);

  private final ProcessorConfig config;
  private final Admin admin;
  private final Telemetry telemetry;
  private final KafkaStreams streams;
  private final Topology topology;
  private final StreamsHealth health;
  private final RegistryProbe registryProbe;
  private final BrokerProbe brokerProbe;
  private final RegistryRetry registryRetry;
  private final Instant startedAt = Instant.now();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ManagementServer management;
  private String keysJson = "{\"keys\":[]}";
  private String signingKeyId = "";
  private volatile boolean failed;

  private ProcessorApp(final ProcessorConfig config, final Admin admin, final Telemetry telemetry, final Topology topology,
      final MeterRegistry registry, final RegistryRetry registryRetry) {
    this.config = config;
    this.registryRetry = registryRetry;
    this.admin = admin;
    this.telemetry = telemetry;
    this.topology = topology;
    this.streams = new KafkaStreams(topology, streamsProperties(config), telemetry.kafkaClients());
    this.health = new StreamsHealth(streams::state, streams::metadataForLocalThreads);
    this.registryProbe = new RegistryProbe(config.registryUrl(), config.registryCheck().interval(),
        config.registryCheck().staleAfter(), Clock.systemUTC(), registryRetry::waiting);
    this.brokerProbe = new BrokerProbe(admin, config.brokerCheck().interval(), config.brokerCheck().staleAfter(),
        Clock.systemUTC());
    health.registerGauges(registry);
    streams.setGlobalStateRestoreListener(health);
    // A failure that reaches here is a bug or a broken cluster, not bad input (that becomes replies and dead
    // letters). Exactly-once makes a restart safe, so the process stops and its supervisor starts it again.
    streams.setUncaughtExceptionHandler(error -> {
      if (registryRetry.stopping() && causedBy(error, RegistryUnavailableException.class)) {
        // Not a failure: close() ended a wait for the registry; the request was not committed and is read again.
        LOG.info("Stopped while a request waited for the schema registry; the next start reads it again");
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      LOG.error("Stream thread failed; shutting the processor down so that it restarts cleanly", error);
      health.threadFailed(error);
      failed = true;
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((newState, oldState) -> {
      LOG.info("Kafka Streams state {} -> {}", oldState, newState);
      // ERROR after close() ended a wait for the registry is the stop that was asked for, not a failure.
      if (newState == KafkaStreams.State.ERROR && !registryRetry.stopping()) {
        failed = true;
      }
      if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
        stopped.countDown();
      }
    });
  }

  /** Starts with OpenTelemetry as an empty environment configures it: spans made, nothing exported. */
  public static ProcessorApp start(final ProcessorConfig config) {
    return start(config, Telemetry.fromEnvironment(Map.of()));
  }

  /** Checks the topics, builds the topology, starts it and the management server. */
  public static ProcessorApp start(final ProcessorConfig config, final Telemetry telemetry) {
    final Admin admin = Admin.create(adminProperties(config));
    try {
      new TopicProvisioner(admin, config).ensureTopics();
      KafkaMetricsBridge.allowTopics(Set.of(config.topics().requests(), config.topics().replies(),
          config.topics().audit(), config.topics().deadLetters()), config.applicationId());
      final MeterRegistry registry = Metrics.globalRegistry();
      JvmMeters.bindOnce(registry);
      final Clock clock = Clock.systemUTC();
      final SigningKeys keys = SigningKeys.load(config.signing());
      final RegistryRetry registryRetry = new RegistryRetry();
      final RequestTopology.Parts parts = new RequestTopology.Parts(
          new ContractSerdes(config.registryUrl(), config.registryProperties()),
          new AdminTopicPartitionCounts(admin, clock),
          new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator()),
          keys.active(),
          new AuditRecords(config.instanceId(), ProcessorVersion.current()),
          new RequestObserver(new ProcessorMetrics(registry), telemetry, config.applicationId(), clock),
          clock,
          registryRetry);
      final ProcessorApp app = new ProcessorApp(config, admin, telemetry, RequestTopology.build(config, parts), registry,
          registryRetry);
      app.keysJson = keys.json();
      app.signingKeyId = keys.active().keyId();
      app.streams.start();
      app.management = ManagementServer.start(config.management().host(), config.management().port(),
          app.health, app.registryProbe, app.brokerProbe, app::info, () -> app.keysJson);
      LOG.info("Processor {} {} started: {} -> {} + {} (application id {}, management port {})", config.instanceId(),
          ProcessorVersion.current(), config.topics().requests(), config.topics().replies(), config.topics().audit(),
          config.applicationId(), app.management.port());
      return app;
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
  }

  /** The state of the Kafka Streams client. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** True when the processor stopped because of an error rather than a close. */
  public boolean failed() {
    return failed;
  }

  /** The port of the management server (/health, /ready, /metrics, /info). */
  public int managementPort() {
    return management.port();
  }

  /** The id of the key that signs draws and checkpoints. */
  public String signingKeyId() {
    return signingKeyId;
  }

  /** The /keys document: the public keys that verify this processor's signatures. */
  public String keysJson() {
    return keysJson;
  }

  /** Waits until the streams stop (after close or a fatal error). */
  public boolean awaitStop(final Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The configuration this processor runs with. */
  public ProcessorConfig config() {
    return config;
  }

  /** What /info shows: version, commit, start time, topology, effective settings with secrets redacted. */
  public Map<String, Object> info() {
    final Map<String, Object> info = new LinkedHashMap<>();
    info.put("service", "rng-processor");
    info.put("version", ProcessorVersion.current());
    info.put("commit", ProcessorVersion.commit());
    info.put("instanceId", config.instanceId());
    info.put("startedAt", startedAt.toString());
    info.put("state", streams.state().name());
    info.put("topology", topology.describe().toString());
    info.put("configuration", config.effectiveSettings());
    return info;
  }

  /**
   * Stops processing (commits, leaves the group) but keeps the management server answering, so probes
   * see the processor go down rather than vanish.
   */
  public void stopStreams() {
    LOG.info("Closing Kafka Streams (timeout {} ms)", config.shutdownTimeout().toMillis());
    // A request waiting for the registry would hold the stream thread past the timeout: end the wait first.
    registryRetry.stop();
    // Leaving the group hands the partitions to the other instances now, not after the session timeout.
    final boolean clean = streams.close(new KafkaStreams.CloseOptions().timeout(config.shutdownTimeout()).leaveGroup(true));
    if (clean) {
      LOG.info("Kafka Streams closed cleanly");
    } else {
      LOG.warn("Kafka Streams did not close within {} ms", config.shutdownTimeout().toMillis());
    }
  }

  @Override
  public void close() {
    stopStreams();
    if (management != null) {
      management.close();
    }
    registryProbe.close();
    brokerProbe.close();
    admin.close(Duration.ofSeconds(5));
    try {
      telemetry.close();
    } catch (Exception e) {
      LOG.warn("Closing OpenTelemetry failed", e);
    }
    stopped.countDown();
  }

  private static boolean causedBy(final Throwable error, final Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  static Properties streamsProperties(final ProcessorConfig config) {
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    properties.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    properties.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    properties.put(StreamsConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + config.instanceId());
    // Kafka client and Streams metrics reach /metrics through this reporter.
    properties.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, KafkaMetricsBridge.class.getName());
    // Operators may tune anything Kafka Streams or its clients accept (kafka.* settings), EOS included.
    properties.putAll(config.kafkaProperties());
    return properties;
  }

  static Map<String, Object> adminProperties(final ProcessorConfig config) {
    final Map<String, Object> properties = new HashMap<>();
    // The security settings of the streams apply to the Admin client too; Streams-only keys are ignored by it.
    properties.putAll(config.kafkaProperties());
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + config.instanceId() + "-admin");
    return properties;
  }
}
