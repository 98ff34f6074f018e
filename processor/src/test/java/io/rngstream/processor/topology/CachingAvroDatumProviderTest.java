package io.rngstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.avro.RandomReply;
import io.rngstream.avro.ReplyStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class CachingAvroDatumProviderTest {
  private final CachingAvroDatumProvider<Object> provider = new CachingAvroDatumProvider<>();
  private final RandomReply reply = RandomReply.newBuilder()
      .setRequestId("r-1").setClientId("c").setStatus(ReplyStatus.OK).setNumbers(List.of(4L, 2L))
      .setMin(1).setMax(6).setCount(2).setUnique(false).setAlgorithm("a").setSerial("0:1")
      .setGeneratedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();

  @Test
  void reusesOneWriterPerSchemaAndWritesWhatAvroWrites() throws IOException {
    final DatumWriter<Object> first = provider.createDatumWriter(reply, RandomReply.getClassSchema());
    final DatumWriter<Object> second = provider.createDatumWriter(reply, RandomReply.getClassSchema());

    assertThat(second).isSameAs(first);
    assertThat(encode(first, reply)).isEqualTo(encode(new SpecificDatumWriter<>(RandomReply.class), reply));
  }

  @Test
  void keepsWritersForGeneratedAndGenericDataApart() {
    final Schema schema = RandomReply.getClassSchema();
    final GenericData.Record generic = new GenericData.Record(schema);

    assertThat(provider.createDatumWriter(generic, schema)).isNotSameAs(provider.createDatumWriter(reply, schema));
    assertThat(provider.createDatumWriter(generic, schema)).isSameAs(provider.createDatumWriter(generic, schema));
  }

  @Test
  void readsBackWithOneCachedReaderPerSchema() throws IOException {
    final byte[] bytes = encode(new SpecificDatumWriter<>(RandomReply.class), reply);
    provider.configure(new io.apicurio.registry.serde.avro.AvroSerdeConfig(
        java.util.Map.of("apicurio.registry.use-specific-avro-reader", true)));

    final Object read = provider.createDatumReader(RandomReply.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));

    assertThat(read).isEqualTo(reply);
    assertThat(provider.createDatumReader(RandomReply.getClassSchema()))
        .isSameAs(provider.createDatumReader(RandomReply.getClassSchema()));
  }

  private static byte[] encode(final DatumWriter<? super RandomReply> writer, final RandomReply value) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    @SuppressWarnings("unchecked")
    final DatumWriter<RandomReply> typed = (DatumWriter<RandomReply>) writer;
    typed.write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
