package io.rngstream.processor.topology;

import io.rngstream.avro.AuditRecord;

/** Both outputs of one answered request; they are written in the same transaction. */
record Answer(RoutedReply reply, AuditRecord audit) {
}
