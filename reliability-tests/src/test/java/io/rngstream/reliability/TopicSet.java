package io.rngstream.reliability;

import java.util.List;

/** The four topics of one scenario, named after it so that no two tests share a topic. */
record TopicSet(String requests, String replies, String audit, String deadLetters) {

  /** {@code rel.<name>.requests}, {@code rng.replies.rel.<name>} (the default allowed-topics pattern), … */
  static TopicSet named(final String name) {
    return new TopicSet("rel." + name + ".requests", "rng.replies.rel." + name, "rel." + name + ".audit",
        "rel." + name + ".dlq");
  }

  List<String> all() {
    return List.of(requests, replies, audit, deadLetters);
  }
}
