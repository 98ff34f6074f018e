package io.rngstream.bench;

/** Something that answers requests: the processor or the baseline, with the topics the load goes through. */
interface Target extends AutoCloseable {
  /** Short name in the table, e.g. {@code rng-eos} or {@code baseline-eos}. */
  String name();

  /** What it is, in words, for the report. */
  String description();

  /** Where requests go. */
  String requestTopic();

  /** Where this bench reads replies (named in each request's {@code kafka_replyTopic} header). */
  String replyTopic();

  @Override
  void close();
}
