package io.rngstream.processor;

import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.SeedGenerator;
import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.topics.AdminTopicPartitionCounts;
import io.rngstream.processor.topics.TopicProvisioner;
import io.rngstream.processor.topology.ContractSerdes;
import io.rngstream.processor.topology.RequestTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
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
 * The running processor: topics checked, the topology built and started. Closing it closes the streams
 * within the configured shutdown timeout.
 */
public final class ProcessorApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorApp.class);

  private final ProcessorConfig config;
  private final Admin admin;
  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean failed;

  private ProcessorApp(final ProcessorConfig config, final Admin admin, final Topology topology) {
    this.config = config;
    this.admin = admin;
    this.streams = new KafkaStreams(topology, streamsProperties(config));
    // A failure that reaches here is a bug or a broken cluster, not bad input (that becomes replies and dead
    // letters). Exactly-once makes a restart safe, so the process stops and its supervisor starts it again.
    streams.setUncaughtExceptionHandler(error -> {
      LOG.error("Stream thread failed; shutting the processor down so that it restarts cleanly", error);
      failed = true;
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((newState, oldState) -> {
      LOG.info("Kafka Streams state {} -> {}", oldState, newState);
      if (newState == KafkaStreams.State.ERROR) {
        failed = true;
      }
      if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
        stopped.countDown();
      }
    });
  }

  /** Checks the topics, builds the topology and starts it; returns once the streams are starting. */
  public static ProcessorApp start(final ProcessorConfig config) {
    final Admin admin = Admin.create(adminProperties(config));
    try {
      new TopicProvisioner(admin, config).ensureTopics();
      final Clock clock = Clock.systemUTC();
      final RequestTopology.Parts parts = new RequestTopology.Parts(
          new ContractSerdes(config.registryUrl(), config.registryProperties()),
          new AdminTopicPartitionCounts(admin, clock),
          new NumberDrawer(DrawAlgorithms.current(), new SeedGenerator()),
          new AuditRecords(config.instanceId(), ProcessorVersion.current()),
          clock);
      final ProcessorApp app = new ProcessorApp(config, admin, RequestTopology.build(config, parts));
      app.streams.start();
      LOG.info("Processor {} {} started: {} -> {} + {} (application id {})", config.instanceId(),
          ProcessorVersion.current(), config.topics().requests(), config.topics().replies(), config.topics().audit(),
          config.applicationId());
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

  /** The topology, for /info and for people. */
  public String describeTopology() {
    return streams.toString();
  }

  /** True when the processor stopped because of an error rather than a close. */
  public boolean failed() {
    return failed;
  }

  /** Waits until the streams stop (after close or a fatal error). */
  public boolean awaitStop(final Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The configuration this processor runs with. */
  public ProcessorConfig config() {
    return config;
  }

  @Override
  public void close() {
    LOG.info("Closing the processor (timeout {} ms)", config.shutdownTimeout().toMillis());
    final boolean clean = streams.close(new KafkaStreams.CloseOptions().timeout(config.shutdownTimeout()));
    if (!clean) {
      LOG.warn("Kafka Streams did not close within {} ms", config.shutdownTimeout().toMillis());
    }
    admin.close(Duration.ofSeconds(5));
    stopped.countDown();
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
    // Operators may tune anything Kafka Streams or its clients accept (kafka.* settings), EOS included.
    properties.putAll(config.kafkaProperties());
    return properties;
  }

  private static Map<String, Object> adminProperties(final ProcessorConfig config) {
    final Map<String, Object> properties = new java.util.HashMap<>();
    // The security settings of the streams apply to the Admin client too; Streams-only keys are ignored by it.
    properties.putAll(config.kafkaProperties());
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-" + config.instanceId() + "-admin");
    return properties;
  }
}
