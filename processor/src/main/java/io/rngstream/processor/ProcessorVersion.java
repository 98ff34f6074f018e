package io.rngstream.processor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, as recorded in audit records. */
public final class ProcessorVersion {
  private static final Properties BUILD = load();
  private static final String VERSION = BUILD.getProperty("version", "unknown");

  private ProcessorVersion() {
  }

  /** The Maven project version the processor was built as. */
  public static String current() {
    return VERSION;
  }

  /** The git commit the processor was built from (abbreviated), or "unknown" outside a git checkout. */
  public static String commit() {
    final String commit = BUILD.getProperty("commit", "");
    return commit.isBlank() || commit.startsWith("${") ? "unknown" : commit;
  }

  private static Properties load() {
    final Properties properties = new Properties();
    try (InputStream in = ProcessorVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // An unreadable resource only loses the version in audit records and /info.
    }
    return properties;
  }
}
