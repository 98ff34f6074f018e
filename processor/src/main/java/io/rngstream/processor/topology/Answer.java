package io.rngstream.processor.topology;

import io.rngstream.avro.AuditRecord;

/** Both outputs of one answered request, written in one transaction; a checkpoint has an audit record and no reply. */
record Answer(RoutedReply reply, AuditRecord audit) {
}
