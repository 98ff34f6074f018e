/**
 * Request validation: turns every violation of the contract into a {@link io.rngstream.processor.validation.Rejection} value.
 * Pure functions of the request and the limits; no Kafka types.
 */
package io.rngstream.processor.validation;
