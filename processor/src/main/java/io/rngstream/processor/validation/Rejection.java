package io.rngstream.processor.validation;

import io.rngstream.avro.ErrorCode;
import io.rngstream.avro.RequestError;

/** Why a request is answered with REJECTED: a code for programs and a message for people. */
public record Rejection(ErrorCode code, String message) {

  /** The Avro form carried by replies and audit records. */
  public RequestError toAvro() {
    return RequestError.newBuilder().setCode(code).setMessage(message).build();
  }
}
