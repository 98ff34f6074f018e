package io.rngstream.core.audit;

import io.rngstream.avro.AuditRecord;
import io.rngstream.core.signing.Ed25519Keys;
import io.rngstream.core.signing.KeyRing;
import io.rngstream.core.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * How fast the audit trail verifies (and, for the processor, how fast records are signed and linked): a main, not a
 * test, so that the build stays fast and the figure is measured on an idle machine.
 *
 * <pre>
 * ./mvnw -q -pl core -am test-compile
 * ./mvnw -q -f core/pom.xml dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat core/target/cp.txt) \
 *     io.rngstream.core.audit.AuditVerifierBenchmark [recordsPerPartition=20000] [partitions=2] [checkpointEvery=1000]
 * </pre>
 *
 * <p>Records are lottery draws (6 of 49, the cost of re-deriving a small draw), each with a signature to check.
 */
public final class AuditVerifierBenchmark {

    private AuditVerifierBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int perPartition = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final int checkpointEvery = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        final SigningKey key = Ed25519Keys.generate();
        final AuditVerifier verifier = new AuditVerifier(KeyRing.of(key.publicKey()));
        System.out.printf("%d partitions x %d records, a checkpoint every %d, %d cores, %s%n", partitions,
                perPartition, checkpointEvery, Runtime.getRuntime().availableProcessors(), Runtime.version());

        final long signStart = System.nanoTime();
        final List<List<AuditRecord>> chains = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            final TestChain chain = new TestChain(p, key);
            for (int i = 1; i <= perPartition; i++) {
                if (i % checkpointEvery == 0) {
                    chain.checkpoint();
                } else {
                    chain.draw(1, 49, 6, true);
                }
            }
            chains.add(chain.records());
        }
        final int total = partitions * perPartition;
        report("sign + link (processor side, includes building the draw), 1 thread", total, signStart);

        final List<List<byte[]>> encoded = new ArrayList<>();
        for (final List<AuditRecord> chain : chains) {
            encoded.add(chain.stream().map(AuditVerifierBenchmark::encode).toList());
        }

        for (int round = 1; round <= 3; round++) {
            System.out.printf("round %d%n", round);
            long start = System.nanoTime();
            for (int p = 0; p < partitions; p++) {
                verify(verifier, p, chains.get(p));
            }
            report("  verify, 1 thread", total, start);

            start = System.nanoTime();
            parallel(partitions, p -> verify(verifier, p, chains.get(p)));
            report("  verify, " + partitions + " threads (one per partition)", total, start);

            start = System.nanoTime();
            parallel(partitions, p -> verify(verifier, p, decode(encoded.get(p))));
            report("  Avro decode + verify, " + partitions + " threads", total, start);
        }
        breakdown(verifier, chains.get(0));
    }

    /** Where the time of one record goes, single-threaded, over the draw records of one partition. */
    private static void breakdown(final AuditVerifier verifier, final List<AuditRecord> records) {
        final List<AuditRecord> draws = records.stream().filter(r -> r.getCheckpoint() == null).toList();
        final KeyRing keys = verifier.keys();
        long sink = 0;
        long start = System.nanoTime();
        for (final AuditRecord record : draws) {
            sink += CanonicalEncoding.hash(CanonicalEncoding.auditEntry(0, record))[0];
        }
        final double encodeAndHash = perRecordMicros(start, draws.size());
        start = System.nanoTime();
        for (final AuditRecord record : draws) {
            sink += keys.verify(record.getKeyId(), CanonicalEncoding.drawFromAudit(record),
                    ChainHead.bytes(record.getSignature())) ? 1 : 0;
        }
        final double signature = perRecordMicros(start, draws.size());
        start = System.nanoTime();
        for (final AuditRecord record : draws) {
            sink += DrawCheck.check(record.getStatus(), record.getAlgorithm(), record.getSeed(), record.getMin(),
                    record.getMax(), record.getCount(), record.getUnique(), record.getNumbers()).isPresent() ? 1 : 0;
        }
        final double rederive = perRecordMicros(start, draws.size());
        System.out.printf("per draw record, 1 thread: encode + SHA-256 %.1f us, Ed25519 verify (with draw encoding)"
                + " %.1f us, re-derive 6 of 49 %.1f us (%d)%n", encodeAndHash, signature, rederive, sink);
    }

    private static double perRecordMicros(final long startNanos, final int records) {
        return (System.nanoTime() - startNanos) / 1e3 / records;
    }

    private interface PartitionTask {
        void run(int partition) throws Exception;
    }

    private static void parallel(final int partitions, final PartitionTask task) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(partitions);
        try {
            final List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                final int partition = p;
                futures.add(pool.submit(() -> {
                    task.run(partition);
                    return null;
                }));
            }
            for (final Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void verify(final AuditVerifier verifier, final int partition, final List<AuditRecord> records) {
        final PartitionVerifier partitionVerifier = verifier.forPartition(partition);
        for (int offset = 0; offset < records.size(); offset++) {
            final List<Finding> findings = partitionVerifier.accept(offset, records.get(offset));
            if (!findings.isEmpty()) {
                throw new IllegalStateException("a clean chain has findings: " + findings);
            }
        }
    }

    private static byte[] encode(final AuditRecord record) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(700);
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(AuditRecord.class).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<AuditRecord> decode(final List<byte[]> encoded) throws IOException {
        final SpecificDatumReader<AuditRecord> reader = new SpecificDatumReader<>(AuditRecord.class);
        final List<AuditRecord> records = new ArrayList<>(encoded.size());
        BinaryDecoder decoder = null;
        for (final byte[] bytes : encoded) {
            decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
            records.add(reader.read(null, decoder));
        }
        return records;
    }

    private static void report(final String what, final int records, final long startNanos) {
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-62s %,10.0f records/s  (%,d in %.2f s)%n", what, records / seconds, records, seconds);
    }
}
