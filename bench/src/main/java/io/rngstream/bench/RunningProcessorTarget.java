package io.rngstream.bench;

/**
 * A processor someone else runs: requests go to its request topic, replies come back on a bench reply topic
 * (created here, allowed by the processor's default {@code rng.replies.*}).
 */
record RunningProcessorTarget(String name, String requestTopic, String replyTopic) implements Target {

  @Override
  public String description() {
    return "running rng-stream processor reading " + requestTopic;
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}
