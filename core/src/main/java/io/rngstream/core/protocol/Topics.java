package io.rngstream.core.protocol;

/** Default topic names; the major version of the contract is part of each name. */
public final class Topics {
  /** Where clients publish {@code RandomRequest}s, keyed by clientId. */
  public static final String REQUESTS = "rng.requests.v1";
  /** Where replies go when a request names no reply topic. */
  public static final String REPLIES = "rng.replies.v1";
  /** The audit trail: one record per request, partition for partition with the requests topic. */
  public static final String AUDIT = "rng.audit.v1";
  /** Request records that could not be read, with their original bytes. */
  public static final String DEAD_LETTERS = "rng.requests.dlq.v1";
  /** Reply topics a request may choose by default (a regular expression, matched in full). */
  public static final String ALLOWED_REPLY_TOPICS = "rng\\.replies\\..*";

  private Topics() {
  }
}
