package io.rngstream.processor.audit;

import io.rngstream.avro.RandomRequest;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What makes two requests with the same id "the same request": their draw parameters, hashed. */
public final class RequestFingerprint {
  private RequestFingerprint() {
  }

  /** SHA-256 over min, max, count, unique, seed and userData. */
  public static byte[] of(final RandomRequest request) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(request.getMin());
      out.writeLong(request.getMax());
      out.writeInt(request.getCount());
      out.writeBoolean(request.getUnique());
      writeNullable(out, request.getSeed() == null ? null : bytesOf(request.getSeed()));
      writeNullable(out, request.getUserData() == null ? null : request.getUserData().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void writeNullable(final DataOutputStream out, final byte[] value) throws IOException {
    out.writeInt(value == null ? -1 : value.length);
    if (value != null) {
      out.write(value);
    }
  }

  private static byte[] bytesOf(final java.nio.ByteBuffer buffer) {
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
