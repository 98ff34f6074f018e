package io.rngstream.client.testing;

import io.rngstream.avro.AuditKind;
import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import io.rngstream.client.audit.AuditDecoder;
import io.rngstream.core.audit.ChainHead;
import io.rngstream.core.audit.ChainLink;
import io.rngstream.core.audit.ReplySigner;
import io.rngstream.core.generation.DrawAlgorithm;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.generation.DrawSpec;
import io.rngstream.core.protocol.Topics;
import io.rngstream.core.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Audit trails made in memory with core's API, the way the processor makes them: DRAW records whose numbers follow
 * from their seed, signed like replies, chained per partition, with a signed CHECKPOINT after every
 * {@code checkpointEvery} draws. For unit tests and the verifier benchmark; no Kafka.
 */
public final class AuditChains {
  private static final DrawAlgorithm ALGORITHM = DrawAlgorithms.current();
  private static final Instant TIME = Instant.parse("2025-06-01T10:00:00Z");

  private final SigningKey key;
  private final int checkpointEvery;

  public AuditChains(final SigningKey key, final int checkpointEvery) {
    this.key = key;
    this.checkpointEvery = checkpointEvery;
  }

  /** {@code draws} DRAW records of one partition from sequence 0, with checkpoints; record i is at offset i. */
  public List<AuditRecord> partition(final int partition, final int draws, final long randomSeed) {
    final Random random = new Random(randomSeed);
    final List<AuditRecord> records = new ArrayList<>(draws + draws / Math.max(1, checkpointEvery) + 1);
    ChainHead head = null;
    int sinceCheckpoint = 0;
    for (int i = 0; i < draws; i++) {
      final AuditRecord linked = ChainLink.link(partition, head, drawRecord(partition, records.size(), random, key));
      records.add(linked);
      head = ChainHead.of(linked);
      if (checkpointEvery > 0 && ++sinceCheckpoint == checkpointEvery) {
        final AuditRecord checkpoint = ChainLink.link(partition, head, ChainLink.checkpointRecord(partition, head,
            TIME.toEpochMilli() + records.size(), key, ALGORITHM.id(), "test-instance", "test", Topics.REQUESTS));
        records.add(checkpoint);
        head = ChainHead.of(checkpoint);
        sinceCheckpoint = 0;
      }
    }
    return records;
  }

  /** An unlinked DRAW record of a request at {@code partition:offset}, signed with {@code signer}. */
  public static AuditRecord drawRecord(final int partition, final long offset, final Random random,
      final SigningKey signer) {
    final byte[] seed = new byte[DrawAlgorithm.SEED_BYTES];
    random.nextBytes(seed);
    final DrawSpec spec = new DrawSpec(1, 49, 6, true);
    final List<Long> numbers = Arrays.stream(ALGORITHM.draw(seed, spec)).boxed().toList();
    final String serial = partition + ":" + offset;
    final RandomReply reply = ReplySigner.sign(RandomReply.newBuilder()
        .setRequestId(new UUID(random.nextLong(), random.nextLong()).toString())
        .setClientId("client-" + random.nextInt(50))
        .setStatus(ReplyStatus.OK)
        .setError(null)
        .setNumbers(numbers)
        .setMin(spec.min()).setMax(spec.max()).setCount(spec.count()).setUnique(spec.unique())
        .setSeed(ByteBuffer.wrap(seed))
        .setSeedSource("NativePRNG")
        .setAlgorithm(ALGORITHM.id())
        .setSerial(serial)
        .setUserData(null)
        .setGeneratedAt(TIME.plusMillis(offset)), signer);
    return fromReply(reply, partition, offset);
  }

  /** The unlinked DRAW record the processor writes beside a reply. */
  public static AuditRecord fromReply(final RandomReply reply, final int partition, final long offset) {
    return AuditRecord.newBuilder()
        .setKind(AuditKind.DRAW)
        .setRequestId(reply.getRequestId())
        .setClientId(reply.getClientId())
        .setMin(reply.getMin()).setMax(reply.getMax()).setCount(reply.getCount()).setUnique(reply.getUnique())
        .setRequestSeed(null)
        .setUserData(reply.getUserData())
        .setRequestedAt(reply.getGeneratedAt())
        .setStatus(reply.getStatus())
        .setError(reply.getError())
        .setNumbers(reply.getNumbers())
        .setSeed(reply.getSeed())
        .setSeedSource(reply.getSeedSource())
        .setAlgorithm(reply.getAlgorithm())
        .setSerial(reply.getSerial())
        .setSourceTopic(Topics.REQUESTS)
        .setSourcePartition(partition)
        .setSourceOffset(offset)
        .setReplyTopic(Topics.REPLIES)
        .setCorrelationId(ByteBuffer.wrap(new byte[16]))
        .setProcessorInstanceId("test-instance")
        .setProcessorVersion("test")
        .setReceivedAt(reply.getGeneratedAt())
        .setGeneratedAt(reply.getGeneratedAt())
        .setTraceId(null)
        .setSignature(reply.getSignature())
        .setKeyId(reply.getKeyId())
        .setDuplicateOf(null)
        .setCheckpoint(null)
        .build();
  }

  /** The record as plain Avro binary, as it travels (less the registry's 5-byte prefix). */
  public static byte[] toBytes(final AuditRecord record) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(768);
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<>(AuditRecord.class).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes {@link #toBytes} output; one per thread, like the command's registry decoders. */
  public static AuditDecoder avroDecoder() {
    final SpecificDatumReader<AuditRecord> reader = new SpecificDatumReader<>(AuditRecord.class);
    return new AuditDecoder() {
      private BinaryDecoder decoder;

      @Override
      public AuditRecord decode(final String topic, final byte[] value) {
        decoder = DecoderFactory.get().binaryDecoder(value, decoder);
        try {
          return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
          throw new IllegalArgumentException("not Avro of AuditRecord: " + e, e);
        }
      }
    };
  }
}
