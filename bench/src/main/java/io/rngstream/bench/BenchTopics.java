package io.rngstream.bench;

/** The topics of one target; the reply topic matches the processor's default allow-list {@code rng.replies.*}. */
record BenchTopics(String requests, String replies, String audit, String deadLetters) {

  static BenchTopics forTarget(final String runId, final String target) {
    final String prefix = "rng-bench." + runId + "." + target + ".";
    return new BenchTopics(prefix + "requests", "rng.replies.bench-" + runId + "-" + target, prefix + "audit",
        prefix + "dlq");
  }
}
