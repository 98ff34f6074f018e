package io.rngstream.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** GitHub's anchors of a Markdown file's headings, so that a link with a #fragment can be checked. */
final class MarkdownAnchors {
  private MarkdownAnchors() {
  }

  /** Anchors of every heading: lower case, punctuation dropped, spaces as dashes (fenced code is not a heading). */
  static Set<String> of(final Path markdown) {
    try {
      final Set<String> anchors = new TreeSet<>();
      boolean fenced = false;
      for (final String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
        if (line.stripLeading().startsWith("```")) {
          fenced = !fenced;
        } else if (!fenced && line.startsWith("#")) {
          anchors.add(line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
      }
      return anchors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
