package io.rngstream.processor.topology;

import io.rngstream.processor.audit.AuditRecords;
import io.rngstream.core.signing.SigningKey;
import io.rngstream.processor.config.ProcessorConfig;
import io.rngstream.processor.generation.NumberDrawer;
import io.rngstream.processor.observe.RequestObserver;
import io.rngstream.processor.ratelimit.TokenBuckets;
import io.rngstream.processor.topology.DecodedRequest.Unreadable;
import io.rngstream.processor.validation.RequestValidator;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The one path of a request, top to bottom:
 * {@code requests -> decode -> (unreadable -> dead letters) | (answer -> reply + audit record [+ checkpoint])}.
 * Decoding waits while the registry cannot be asked ({@link RegistryRetry}); it dead-letters what the registry does not know.
 * Under exactly_once_v2 the reply, the audit record (or the dead letter) and the input offset commit together.
 */
public final class RequestTopology {
  private RequestTopology() {
  }

  /** What the graph needs besides the configuration. */
  public record Parts(ContractSerdes serdes, TopicPartitionCounts partitionCounts, NumberDrawer drawer,
      SigningKey signingKey, AuditRecords auditRecords, RequestObserver observer, Clock clock, RegistryRetry registryRetry) {

    /** Parts with a registry retry of its own, that nothing stops (tests with a TopologyTestDriver). */
    public Parts(final ContractSerdes serdes, final TopicPartitionCounts partitionCounts, final NumberDrawer drawer,
        final SigningKey signingKey, final AuditRecords auditRecords, final RequestObserver observer, final Clock clock) {
      this(serdes, partitionCounts, drawer, signingKey, auditRecords, observer, clock, new RegistryRetry());
    }
  }

  /** Builds the topology for the configured topics and limits. */
  public static Topology build(final ProcessorConfig config, final Parts parts) {
    final ProcessorConfig.TopicNames topics = config.topics();
    final RequestDecoder decoder = new RequestDecoder(parts.serdes().valueDeserializer());
    final ReplyRouter router = new ReplyRouter(topics.replies(), config.allowedReplyTopics(), parts.partitionCounts(),
        Set.of(topics.requests(), topics.audit(), topics.deadLetters()), config.applicationId());
    final RequestValidator validator = new RequestValidator(config.limits());
    final RecordSize size = new RecordSize(config.limits().maxRequestBytes());

    final StreamsBuilder builder = new StreamsBuilder();
    final Map<String, KStream<byte[], DecodedRequest>> decoded = builder
        .stream(topics.requests(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("requests"))
        .processValues(() -> new DecodeRequest(decoder, size, parts.registryRetry()), Named.as("decode"))
        .split(Named.as("decoded-"))
        .branch((key, value) -> value instanceof Unreadable, Branched.as("unreadable"))
        .defaultBranch(Branched.as("readable"));

    decoded.get("decoded-unreadable")
        .process(() -> new DeadLetter(parts.observer(), config.limits().maxRequestBytes()), Named.as("dead-letter"))
        .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters"));

    final AnswerRequest.Parts answerParts = new AnswerRequest.Parts(router, validator, parts.drawer(), parts.signingKey(),
        parts.auditRecords(), parts.observer(), parts.clock(), config.auditTrail().checkpointEveryRecords(),
        config.auditTrail().checkpointInterval(), config.idempotencyWindow(), config.instanceId(),
        parts.auditRecords().version(), topics.requests(), new TokenBuckets(config.rateLimits()), config.limits().maxCount());
    builder.addStateStore(AuditChainStore.builder());
    builder.addStateStore(RequestIdStore.builder(config.idempotencyWindow()));
    // The buckets live next to the answering step: requests are keyed by clientId, so one task owns a client's bucket.
    final String[] stores = config.rateLimits().enabled()
        ? new String[] {AuditChainStore.NAME, RequestIdStore.NAME, RateLimitStore.NAME}
        : new String[] {AuditChainStore.NAME, RequestIdStore.NAME};
    if (config.rateLimits().enabled()) {
      builder.addStateStore(RateLimitStore.builder());
    }
    final KStream<byte[], Answer> answers = decoded.get("decoded-readable")
        .process(() -> new AnswerRequest(answerParts), Named.as("answer"), stores);

    answers
        .filter((key, answer) -> answer.reply() != null, Named.as("requests-only"))
        .map((key, answer) -> KeyValue.pair(answer.reply().reply().getRequestId(), answer.reply()),
            Named.as("reply-keyed-by-request-id"))
        .to((key, reply, context) -> reply.topic(),
            Produced.with(Serdes.String(), parts.serdes().routedReplies())
                .withStreamPartitioner(new ReplyPartitioner())
                .withName("replies"));

    answers
        .map((key, answer) -> KeyValue.pair(answer.audit().getClientId(), answer.audit()),
            Named.as("audit-keyed-by-client-id"))
        .to(topics.audit(), Produced.with(Serdes.String(), parts.serdes().auditRecords())
            .withStreamPartitioner(new AuditPartitioner())
            .withName("audit"));

    return builder.build();
  }
}
