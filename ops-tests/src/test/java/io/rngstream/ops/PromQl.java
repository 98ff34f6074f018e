package io.rngstream.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Enough of PromQL's grammar to tell a metric name from a function,
 * an aggregation, a keyword, a label name or a duration; Prometheus itself is the parser that matters, and the
 * tests send every expression to it as well.
 */
final class PromQl {
  private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
  private static final Pattern BRACES = Pattern.compile("\\{[^{}]*}");
  private static final Pattern BRACKETS = Pattern.compile("\\[[^\\[\\]]*]");
  private static final Pattern LABEL_LISTS = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

  private PromQl() {
  }

  /** The names of the metrics (and recorded series) the expression selects. */
  static Set<String> metricNames(final String expression) {
    String text = STRING.matcher(COMMENT.matcher(expression).replaceAll(" ")).replaceAll("\"\"");
    text = BRACES.matcher(text).replaceAll(" ");
    text = BRACKETS.matcher(text).replaceAll(" ");
    text = LABEL_LISTS.matcher(text).replaceAll(" ");
    final Set<String> names = new TreeSet<>();
    final Matcher matcher = IDENTIFIER.matcher(text);
    while (matcher.find()) {
      final String name = matcher.group(1);
      final boolean call = matcher.group(2) != null;
      if (!call && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        names.add(name);
      }
    }
    return names;
  }
}
