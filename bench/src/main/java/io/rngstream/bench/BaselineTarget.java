package io.rngstream.bench;

import io.rngstream.processor.topology.ContractSerdes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The baseline app running in this JVM on its own topics and application id. */
final class BaselineTarget implements Target {
  private final String name;
  private final String guarantee;
  private final BenchTopics topics;
  private final KafkaStreams streams;

  private BaselineTarget(final String name, final String guarantee, final BenchTopics topics, final KafkaStreams streams) {
    this.name = name;
    this.guarantee = guarantee;
    this.topics = topics;
    this.streams = streams;
  }

  /** Creates its topics, starts the app and waits until it is RUNNING. */
  static BaselineTarget start(final BenchEnvironment env, final String name, final String guarantee)
      throws InterruptedException {
    final BenchTopics topics = BenchTopics.forTarget(env.runId(), name);
    env.createTopics(topics);
    final Map<String, String> overrides = new java.util.TreeMap<>(env.endpoints().kafkaProperties());
    overrides.putAll(env.streamsOverrides());
    final KafkaStreams streams = new KafkaStreams(
        BaselineApp.topology(new ContractSerdes(env.endpoints().registryUrl(), env.endpoints().registryProperties()),
            topics.requests(), topics.replies(), topics.audit()),
        BaselineApp.properties("rng-bench-" + name + "-" + env.runId(), env.endpoints().bootstrapServers(),
            env.stateDir(name).toString(), guarantee, overrides));
    final CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR) {
        running.countDown();
      }
    });
    streams.start();
    if (!running.await(90, TimeUnit.SECONDS) || streams.state() != KafkaStreams.State.RUNNING) {
      streams.close(Duration.ofSeconds(5));
      throw new IllegalStateException("the baseline app did not reach RUNNING within 90 s (" + streams.state() + ")");
    }
    return new BaselineTarget(name, guarantee, topics, streams);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "pass-through Kafka Streams app (decode, reply + audit copy), " + guarantee;
  }

  @Override
  public String requestTopic() {
    return topics.requests();
  }

  @Override
  public String replyTopic() {
    return topics.replies();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
