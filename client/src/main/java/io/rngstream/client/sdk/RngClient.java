package io.rngstream.client.sdk;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.opentelemetry.api.OpenTelemetry;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.core.protocol.Headers;
import io.rngstream.core.protocol.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws random numbers from the rng-stream service: sends a {@code RandomRequest} and completes with the matching
 * {@code RandomReply}. Thread-safe; one instance per application is plenty. Close it to free its producer, its reply
 * consumer and its two threads.
 *
 * <p>A draw ends exactly once, in one of these ways: the reply ({@link RandomReply} with status OK); a
 * {@link DrawRejectedException} (status REJECTED, with the service's {@code ErrorCode}); a
 * {@link DrawTimeoutException} after {@link Builder#timeout}; a {@link TooManyInFlightException} at once when
 * {@link Builder#maxInFlight} requests already wait; a {@link ClientClosedException} when the client closes first;
 * or an {@link RngClientException} when the request could not be sent. Futures complete on the
 * {@link Builder#callbackExecutor}, never on the client's reply thread.
 *
 * <p>Each draw is traced with OpenTelemetry ({@link Builder#openTelemetry}): a PRODUCER span from send to reply,
 * whose W3C trace context travels in the request's headers, so the processor's span is its child.
 */
public final class RngClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RngClient.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
  // Kafka registers one JMX bean per client.id; a counter keeps two clients of one clientId apart.
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ClientSettings settings;
  private final DrawTracing tracing;
  private final PendingDraws pending;
  private final Producer<String, RandomRequest> producer;
  private final AvroKafkaSerializer<RandomRequest> requestSerializer;
  private final Consumer<byte[], byte[]> replyConsumer;
  private final ReplyListener listener;
  private final ScheduledThreadPoolExecutor timeouts;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RngClient(final ClientSettings settings, final DrawTracing tracing) {
    this.settings = settings;
    this.tracing = tracing;
    this.pending = new PendingDraws(settings.maxInFlight(), settings.callbackExecutor());
    final String kafkaClientId = "rng-client-" + settings.clientId() + "-" + INSTANCES.incrementAndGet();
    final Map<String, Object> serdeConfig = settings.serdeConfig();
    this.requestSerializer = new AvroKafkaSerializer<>();
    requestSerializer.configure(serdeConfig, false);
    // The producer closes its serializers, also when its constructor fails.
    this.producer = new KafkaProducer<>(settings.producerConfig(kafkaClientId), new StringSerializer(),
        requestSerializer);
    final AvroKafkaDeserializer<Object> replyDeserializer = new AvroKafkaDeserializer<>();
    replyDeserializer.configure(serdeConfig, false);
    try {
      this.replyConsumer = new KafkaConsumer<>(settings.consumerConfig(kafkaClientId), new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      replyDeserializer.close();
      throw e;
    }
    this.listener = new ReplyListener(replyConsumer, replyDeserializer, pending, settings.replyTopic());
    this.timeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
      final Thread thread = new Thread(runnable, "rng-client-timeouts-" + settings.clientId());
      thread.setDaemon(true);
      return thread;
    });
    // Most draws end with a reply: their timers must leave the queue then, not linger for the full timeout.
    timeouts.setRemoveOnCancelPolicy(true);
  }

  /** A builder; {@link Builder#bootstrapServers} and {@link Builder#registryUrl} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A connected client from properties; the keys are listed on {@link Builder#properties}. */
  public static RngClient fromProperties(final Properties properties) {
    return builder().properties(properties).build();
  }

  /**
   * Sends the request and returns a future of its reply. Never throws for a failed draw: every failure,
   * {@link TooManyInFlightException} included, arrives through the future. Blocks only while Kafka has no metadata
   * for the request topic or the producer's buffer is full, and then at most the timeout.
   */
  public CompletableFuture<RandomReply> draw(final DrawRequest request) {
    Objects.requireNonNull(request, "request");
    final CorrelationId id = CorrelationId.random(random);
    final RecordHeaders headers = headers(id);
    final DrawTrace trace = tracing.start(request.requestId(), headers);
    final CompletableFuture<RandomReply> reply = pending.register(id, request.requestId(), trace);
    if (reply.isDone()) {
      return reply;
    }
    try {
      final ScheduledFuture<?> timer = timeouts.schedule(() -> pending.expire(id, settings.timeout()),
          settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
      // A future the caller cancelled or completed itself is still waiting here: its timer must still fire,
      // or its entry and in-flight permit would stay until a reply that may never come.
      reply.whenComplete((ignored, failure) -> {
        if (!pending.isWaiting(id)) {
          timer.cancel(false);
        }
      });
    } catch (RejectedExecutionException e) {
      // close() shut the timer down between register and here.
      pending.fail(id, new ClientClosedException(request.requestId()));
      return reply;
    }
    send(id, request, headers, trace);
    return reply;
  }

  /**
   * Draws and waits for the reply: returns it when OK, else throws what {@link #draw} would fail with
   * ({@link DrawRejectedException}, {@link DrawTimeoutException}, ...). Waits at most about the client timeout.
   */
  public RandomReply drawNow(final DrawRequest request) {
    try {
      return draw(request).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RngClientException failure ? failure
          : new RngClientException("request " + request.requestId() + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RngClientException("interrupted while waiting for the reply to request " + request.requestId(), e);
    }
  }

  /** Replies this client read and dropped: late (after a timeout) or for other clients of a shared reply topic. */
  public long lateOrForeignReplies() {
    return pending.lateOrForeignReplies();
  }

  /** Requests that wait for a reply now. */
  public int inFlight() {
    return pending.inFlight();
  }

  /** Who this client is to the service: the key of its requests and the clientId in the audit trail. */
  public String clientId() {
    return settings.clientId();
  }

  /** Where this client reads its replies. */
  public String replyTopic() {
    return settings.replyTopic();
  }

  /**
   * Fails every waiting draw with a {@link ClientClosedException} at once, then closes the consumer and the
   * producer (the producer gets up to a second to deliver what it already accepted). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    final int failed = pending.closeAll();
    if (failed > 0) {
      LOG.info("Client {} closed with {} draws waiting; they failed with ClientClosedException",
          settings.clientId(), failed);
    }
    timeouts.shutdownNow();
    listener.close(CLOSE_GRACE);
    producer.close(CLOSE_GRACE);
  }

  private RecordHeaders headers(final CorrelationId id) {
    final RecordHeaders headers = new RecordHeaders();
    headers.add(Headers.CORRELATION_ID, id.toBytes());
    if (!Topics.REPLIES.equals(settings.replyTopic())) {
      headers.add(Headers.REPLY_TOPIC, settings.replyTopic().getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  private void send(final CorrelationId id, final DrawRequest request, final RecordHeaders headers,
      final DrawTrace trace) {
    // Keyed by clientId, as the contract says: one client's requests stay in order on one partition.
    final ProducerRecord<String, RandomRequest> record = new ProducerRecord<>(settings.requestTopic(), null,
        settings.clientId(), request.toAvro(settings.clientId(), clock.instant()), headers);
    try {
      producer.send(record, (metadata, error) -> {
        if (error != null) {
          pending.fail(id, sendFailed(request, error));
        } else {
          trace.sent(metadata.partition(), metadata.offset());
        }
      });
    } catch (RuntimeException e) {
      pending.fail(id, closed.get() ? new ClientClosedException(request.requestId()) : sendFailed(request, e));
    }
  }

  private RngClientException sendFailed(final DrawRequest request, final Throwable error) {
    return new RngClientException("request " + request.requestId() + " could not be sent to "
        + settings.requestTopic() + ": " + error.getMessage(), error);
  }

  /** Checks the topics, resolves the reply positions and starts the reply thread; closes everything on failure. */
  private RngClient connect() {
    if (!settings.replyTopic().matches(Topics.ALLOWED_REPLY_TOPICS)) {
      // The processor answers a request for a reply topic it does not allow on the default topic, which this
      // client does not read: every draw would time out. Only a processor configured otherwise allows it.
      LOG.warn("Reply topic {} is outside the processor's default allow-list {}; unless replies.allowed-topics "
          + "allows it, every draw will time out", settings.replyTopic(), Topics.ALLOWED_REPLY_TOPICS);
    }
    try {
      requireRequestTopic();
      warmUpRegistry();
      listener.start(settings.timeout(), "rng-client-replies-" + settings.clientId());
      return this;
    } catch (RuntimeException e) {
      close();
      if (e instanceof RngClientException failure) {
        throw failure;
      }
      if (e instanceof TimeoutException) {
        throw new RngClientException("cannot reach Kafka at " + settings.bootstrapServers() + " within "
            + settings.timeout().toMillis() + " ms: " + e.getMessage(), e);
      }
      throw new RngClientException("cannot connect to Kafka at " + settings.bootstrapServers() + ": " + e, e);
    }
  }

  private void requireRequestTopic() {
    // Asked through the consumer, which never auto-creates a topic by asking: a typo must not create one.
    final List<PartitionInfo> partitions = replyConsumer.partitionsFor(settings.requestTopic(), settings.timeout());
    if (partitions == null || partitions.isEmpty()) {
      throw new RngClientException("request topic " + settings.requestTopic() + " does not exist at "
          + settings.bootstrapServers() + " (the processor creates it when it starts)");
    }
  }

  private void warmUpRegistry() {
    // The first send would otherwise look the schema up inside a caller's draw; doing it here also turns a
    // wrong registry URL into an error at start instead of one failed draw per thread.
    try {
      requestSerializer.serialize(settings.requestTopic(), new RecordHeaders(),
          DrawRequest.between(0, 0).toAvro(settings.clientId(), clock.instant()));
    } catch (RuntimeException e) {
      throw new RngClientException("cannot use the schema registry at " + settings.registryUrl() + ": "
          + e.getMessage(), e);
    }
  }

  /** Settings of a client; {@link #build} validates them and connects. */
  public static final class Builder {
    private String bootstrapServers;
    private String registryUrl;
    private String clientId;
    private String requestTopic = Topics.REQUESTS;
    private String replyTopic = Topics.REPLIES;
    private Duration timeout = Duration.ofSeconds(5);
    private int maxInFlight = 10_000;
    private final Map<String, Object> kafkaProperties = new HashMap<>();
    private final Map<String, Object> apicurioProperties = new HashMap<>();
    private Executor callbackExecutor = ForkJoinPool.commonPool();
    private OpenTelemetry openTelemetry;

    private Builder() {
    }

    /** Kafka bootstrap servers, e.g. {@code localhost:9092}. Required. */
    public Builder bootstrapServers(final String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** Apicurio Registry v3 REST URL, e.g. {@code http://localhost:8080/apis/registry/v3}. Required. */
    public Builder registryUrl(final String registryUrl) {
      this.registryUrl = registryUrl;
      return this;
    }

    /**
     * Who asks: the key of every request and the clientId in the audit trail (1 to 128 characters). Defaults to
     * {@code user@host} of this process; set it to your service's name for anything but trying things out.
     */
    public Builder clientId(final String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Topic to send requests to; default {@code rng.requests.v1}. It must exist. */
    public Builder requestTopic(final String requestTopic) {
      this.requestTopic = requestTopic;
      return this;
    }

    /**
     * Topic to read replies from; default the shared {@code rng.replies.v1}. Another name makes the processor
     * write this client's replies there (header {@code kafka_replyTopic}); it must exist and be allowed by the
     * processor ({@code rng.replies.*} by default). See docs/client.md for when that pays off.
     */
    public Builder replyTopic(final String replyTopic) {
      this.replyTopic = replyTopic;
      return this;
    }

    /** How long a draw waits for its reply, and how long {@link #build} waits for Kafka; default 5 s. */
    public Builder timeout(final Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Most requests waiting for a reply at once; beyond it draws fail fast. Default 10,000. */
    public Builder maxInFlight(final int maxInFlight) {
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * A Kafka client setting for both the producer and the reply consumer, e.g. {@code security.protocol},
     * {@code sasl.jaas.config} or {@code ssl.truststore.location}. The serdes, acks, idempotence, isolation level
     * and group settings belong to the client and are refused.
     */
    public Builder kafkaProperty(final String key, final Object value) {
      kafkaProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Several Kafka client settings; see {@link #kafkaProperty}. */
    public Builder kafkaProperties(final Map<String, ?> properties) {
      properties.forEach(this::kafkaProperty);
      return this;
    }

    /** A registry serde setting (an {@code apicurio.*} key, e.g. auth settings); overrides the client's defaults. */
    public Builder apicurioProperty(final String key, final Object value) {
      apicurioProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Several registry serde settings; see {@link #apicurioProperty}. */
    public Builder apicurioProperties(final Map<String, ?> properties) {
      properties.forEach(this::apicurioProperty);
      return this;
    }

    /** Where futures complete and so where non-async callbacks run; default the common fork-join pool. */
    public Builder callbackExecutor(final Executor callbackExecutor) {
      this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
      return this;
    }

    /**
     * The OpenTelemetry that traces draws and propagates their context to the processor (its tracer and its text map
     * propagator, W3C {@code traceparent} in the usual setup). Default: {@code GlobalOpenTelemetry} once the
     * application or the Java agent has set it; until then draws are not traced.
     */
    public Builder openTelemetry(final OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * Settings from properties: {@code bootstrap.servers}, {@code registry.url}, {@code client.id},
     * {@code request.topic}, {@code reply.topic}, {@code timeout.ms}, {@code max.in.flight}; {@code kafka.*} keys go
     * to the Kafka clients without the prefix, {@code apicurio.*} keys to the serdes as they are. Any other key is
     * refused, so that a typo does not go unnoticed.
     */
    public Builder properties(final Properties properties) {
      ClientProperties.applyTo(this, properties);
      return this;
    }

    /** Validates the settings and connects (see docs/client.md); throws {@link RngClientException} if it cannot. */
    public RngClient build() {
      final ClientSettings settings = new ClientSettings(bootstrapServers, registryUrl,
          clientId == null ? defaultClientId() : clientId, requestTopic, replyTopic, timeout, maxInFlight,
          kafkaProperties, apicurioProperties, callbackExecutor);
      final DrawTracing tracing = openTelemetry == null
          ? DrawTracing.global(settings.requestTopic(), settings.clientId())
          : DrawTracing.using(openTelemetry, settings.requestTopic(), settings.clientId());
      final RngClient client;
      try {
        client = new RngClient(settings, tracing);
      } catch (org.apache.kafka.common.KafkaException e) {
        throw new RngClientException("invalid Kafka settings: " + e.getMessage(), e);
      }
      return client.connect();
    }

    private static String defaultClientId() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
      final String id = System.getProperty("user.name", "user") + "@" + host;
      return id.length() > DrawRequest.MAX_REQUEST_ID_CHARS ? id.substring(0, DrawRequest.MAX_REQUEST_ID_CHARS) : id;
    }
  }
}
