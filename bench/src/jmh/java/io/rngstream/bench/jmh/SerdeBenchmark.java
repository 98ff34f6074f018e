package io.rngstream.bench.jmh;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import io.rngstream.avro.RandomReply;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.processor.topology.CachingAvroDatumProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the registry serializer does per record after its (cached) schema look-up: ask the datum provider for a writer,
 * then encode. Apicurio 3.1.7's default provider fingerprints the schema on every call; the processor's
 * {@link CachingAvroDatumProvider} finds the writer by schema instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SerdeBenchmark {
  @Param({"1", "1000"})
  public int count;

  private final DefaultAvroDatumProvider<Object> apicurioDefault = new DefaultAvroDatumProvider<>();
  private final CachingAvroDatumProvider<Object> caching = new CachingAvroDatumProvider<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
  private BinaryEncoder encoder;
  private RandomReply reply;
  private Schema schema;

  @Setup
  public void setUp() {
    reply = Samples.signed(Samples.unsignedReply(Samples.request(count, false)), Ed25519Keys.generate());
    schema = reply.getSchema();
  }

  /** Apicurio's default provider, as the serializer calls it for each record. */
  @Benchmark
  public int apicurioDefaultProvider() throws IOException {
    return encode(apicurioDefault.createDatumWriter(reply, schema));
  }

  /** The processor's provider: the same writer, found by schema instance. */
  @Benchmark
  public int cachingProvider() throws IOException {
    return encode(caching.createDatumWriter(reply, schema));
  }

  private int encode(final org.apache.avro.io.DatumWriter<Object> writer) throws IOException {
    buffer.reset();
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    writer.write(reply, encoder);
    encoder.flush();
    return buffer.size();
  }
}
