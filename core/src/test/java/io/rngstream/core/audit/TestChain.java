package io.rngstream.core.audit;

import io.rngstream.avro.AuditRecord;
import io.rngstream.avro.RandomReply;
import io.rngstream.core.generation.DrawAlgorithms;
import io.rngstream.core.signing.SigningKey;
import java.util.ArrayList;
import java.util.List;

/** One audit partition written the way the processor writes it: signed draws, linked, with checkpoints on demand. */
final class TestChain {

    private final int partition;
    private final SigningKey key;
    private final List<AuditRecord> records = new ArrayList<>();
    private ChainHead head;
    private long draws;

    TestChain(final int partition, final SigningKey key) {
        this.partition = partition;
        this.key = key;
    }

    /** Appends {@code n} signed lottery draws. */
    TestChain draws(final int n) {
        for (int i = 0; i < n; i++) {
            draw(1, 49, 6, true);
        }
        return this;
    }

    /** Appends one signed draw and returns its reply. */
    RandomReply draw(final long min, final long max, final int count, final boolean unique) {
        final long number = draws++;
        final RandomReply reply = ReplySigner.sign(TestDraws.reply(partition, number, min, max, count, unique), key);
        append(TestDraws.auditOf(reply, partition, 1000 + number).build());
        return reply;
    }

    /** Appends the DUPLICATE record of a repeated request answered with {@code original}. */
    TestChain duplicate(final RandomReply original) {
        final RandomReply again = RandomReply.newBuilder(original).setDuplicate(true).build();
        append(TestDraws.auditOf(again, partition, 1000 + draws++).build());
        return this;
    }

    /** Appends a CHECKPOINT record signing the current head. */
    TestChain checkpoint() {
        final AuditRecord checkpoint = ChainLink.checkpointRecord(partition, head, 1_735_732_900_000L + records.size(),
                key, DrawAlgorithms.current().id(), "processor-0", "0.1.0-SNAPSHOT", TestDraws.REQUEST_TOPIC);
        append(checkpoint);
        return this;
    }

    /** Links a record as the processor would and appends it. */
    TestChain append(final AuditRecord unlinked) {
        final AuditRecord linked = ChainLink.link(partition, head, unlinked);
        head = ChainHead.of(linked);
        records.add(linked);
        return this;
    }

    /** The records in offset order (offset = index); a mutable copy to tamper with. */
    List<AuditRecord> records() {
        return new ArrayList<>(records);
    }

    ChainHead head() {
        return head;
    }

    int partition() {
        return partition;
    }
}
