package io.rngstream.core.generation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads NIST CAVP HMAC_DRBG response files (.rsp): sections in brackets, then "Name = hex" lines per vector. */
final class CavpVectors {

    /** One no-reseed vector: instantiate, generate and discard, generate again and expect {@code returnedBits}. */
    record Vector(String name, byte[] entropyInput, byte[] nonce, byte[] personalization, byte[] returnedBits) {
        @Override
        public String toString() {
            return name;
        }
    }

    private CavpVectors() {
    }

    static List<Vector> load(final String resource) {
        try (InputStream in = CavpVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Vector> parse(final BufferedReader reader) throws IOException {
        final List<Vector> vectors = new ArrayList<>();
        final Map<String, String> fields = new HashMap<>();
        String section = "";
        String line;
        while ((line = reader.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException("unexpected line: " + line);
            }
            fields.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            if (fields.containsKey("ReturnedBits")) {
                vectors.add(toVector(section, fields));
                fields.clear();
            }
        }
        return vectors;
    }

    private static Vector toVector(final String section, final Map<String, String> fields) {
        final HexFormat hex = HexFormat.of();
        return new Vector(section + " COUNT = " + fields.get("COUNT"),
                hex.parseHex(fields.get("EntropyInput")),
                hex.parseHex(fields.get("Nonce")),
                hex.parseHex(fields.get("PersonalizationString")),
                hex.parseHex(fields.get("ReturnedBits")));
    }
}
