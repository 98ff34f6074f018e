package io.rngstream.bench.jmh;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.avro.RandomRequest;
import io.rngstream.core.audit.CanonicalEncoding;
import io.rngstream.core.audit.ChainHead;
import io.rngstream.core.audit.ChainLink;
import io.rngstream.core.audit.ReplySigner;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The audit and signing steps of one request with {@code count} numbers: the canonical encodings, the hash-chain step,
 * the Ed25519 signature (BouncyCastle, as the processor signs), the Avro encoding of the reply, and their plain
 * baselines: a bare SHA-256 of the same bytes and the JDK's own Ed25519.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditBenchmark {
  @Param({"1", "1000"})
  public int count;

  private SigningKey key;
  private RandomReply unsigned;
  private RandomReply signed;
  private AuditRecord audit;
  private ChainHead head;
  private byte[] drawBytes;
  private byte[] auditBytes;
  private Signature jdkSigner;
  private MessageDigest sha256;
  private SpecificDatumWriter<RandomReply> replyWriter;
  private ByteArrayOutputStream buffer;
  private BinaryEncoder encoder;

  @Setup
  public void setUp() throws GeneralSecurityException {
    key = Ed25519Keys.generate();
    final RandomRequest request = Samples.request(count, false);
    unsigned = Samples.unsignedReply(request);
    signed = Samples.signed(unsigned, key);
    audit = Samples.linkedAudit(request, signed);
    head = ChainHead.of(audit);
    drawBytes = CanonicalEncoding.draw(unsigned);
    auditBytes = CanonicalEncoding.auditEntry(0, audit);
    final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    jdkSigner = Signature.getInstance("Ed25519");
    jdkSigner.initSign(pair.getPrivate());
    sha256 = MessageDigest.getInstance("SHA-256");
    replyWriter = new SpecificDatumWriter<>(RandomReply.class);
    buffer = new ByteArrayOutputStream(16 * 1024);
  }

  /** The bytes a draw signature covers. */
  @Benchmark
  public byte[] canonicalDraw() {
    return CanonicalEncoding.draw(unsigned);
  }

  /** The bytes an audit entry's hash covers. */
  @Benchmark
  public byte[] canonicalAuditEntry() {
    return CanonicalEncoding.auditEntry(0, audit);
  }

  /** The chain step: encode the entry, SHA-256 it with the previous hash, build the linked record. */
  @Benchmark
  public AuditRecord chainStep() {
    return ChainLink.link(0, head, audit);
  }

  /** Baseline of the chain step: a bare SHA-256 over the same canonical bytes. */
  @Benchmark
  public byte[] sha256Baseline() {
    return sha256.digest(auditBytes);
  }

  /** Signing a reply as the processor does: canonical encoding plus BouncyCastle Ed25519. */
  @Benchmark
  public RandomReply signReply() {
    return ReplySigner.sign(unsigned, key);
  }

  /** Ed25519 alone over the canonical draw bytes (BouncyCastle, public key passed in). */
  @Benchmark
  public byte[] ed25519Sign() {
    return key.sign(drawBytes);
  }

  /** Baseline of signing: the JDK's Ed25519 over the same bytes. */
  @Benchmark
  public byte[] jdkEd25519Sign() throws GeneralSecurityException {
    jdkSigner.update(drawBytes);
    return jdkSigner.sign();
  }

  /** The reply's Avro binary encoding (what the serializer does after the registry look-up, which is cached). */
  @Benchmark
  public int avroEncodeReply() throws IOException {
    buffer.reset();
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    replyWriter.write(signed, encoder);
    encoder.flush();
    return buffer.size();
  }
}
