package io.rngstream.core.protocol;

/** Why a request record went to the dead-letter topic instead of being answered. */
public enum DeadLetterReason {
  /** The record had no value (a tombstone). */
  NULL_VALUE,
  /** The value does not start with the registry's magic byte and schema id: not Avro from this contract. */
  NOT_AVRO,
  /** The schema id in the value is unknown to the registry. */
  UNKNOWN_SCHEMA,
  /** The registry could not be reached to resolve a schema id this processor had not seen. */
  REGISTRY_UNAVAILABLE,
  /** Valid Avro, but of a schema other than RandomRequest. */
  FOREIGN_SCHEMA,
  /** The bytes do not decode with the schema they name (truncated or corrupt). */
  CORRUPT_AVRO,
  /** Key, value and headers together exceed {@code limits.max-request-bytes}; not decoded, value truncated. */
  REQUEST_TOO_LARGE
}
