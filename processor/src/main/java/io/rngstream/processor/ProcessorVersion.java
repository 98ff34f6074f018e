package io.rngstream.processor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, as recorded in audit records. */
public final class ProcessorVersion {
  private static final String VERSION = load();

  private ProcessorVersion() {
  }

  /** The Maven project version the processor was built as. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ProcessorVersion.class.getResourceAsStream("version.properties")) {
      final Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
