package io.rngstream.processor.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: time, level, logger, thread, message, then the event's key-value pairs
 * (requestId, clientId, … for request events) and the stack trace of an error, if any.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  @Override
  public byte[] headerBytes() {
    return new byte[0];
  }

  @Override
  public byte[] encode(final ILoggingEvent event) {
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    fields.put("level", event.getLevel().toString());
    fields.put("logger", event.getLoggerName());
    fields.put("thread", event.getThreadName());
    fields.put("message", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (final KeyValuePair pair : event.getKeyValuePairs()) {
        fields.putIfAbsent(pair.key, pair.value);
      }
    }
    event.getMDCPropertyMap().forEach(fields::putIfAbsent);
    if (event.getThrowableProxy() != null) {
      fields.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    return (Json.value(fields) + CoreConstants.LINE_SEPARATOR).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return new byte[0];
  }
}
