package io.rngstream.client.sdk;

import io.rngstream.avro.RandomReply;
import java.util.function.Function;

/**
 * What tracing sees of one draw, from the moment it is sent to the moment it ends. {@link PendingDraws} calls
 * exactly one of {@link #replied} and {@link #failed}, just before the draw's future completes.
 */
interface DrawTrace {
  /** A draw nobody traces. */
  DrawTrace NONE = new DrawTrace() {
    @Override
    public void sent(final int partition, final long offset) {
    }

    @Override
    public void replied(final RandomReply reply, final Function<String, String> replyHeaders) {
    }

    @Override
    public void failed(final Throwable cause) {
    }
  };

  /** The broker acknowledged the request at this partition and offset. */
  void sent(int partition, long offset);

  /** The reply arrived; {@code replyHeaders} looks up its headers as UTF-8 text (null when absent). */
  void replied(RandomReply reply, Function<String, String> replyHeaders);

  /** The draw ended without a reply: timeout, send failure, close, or the in-flight bound. */
  void failed(Throwable cause);
}
