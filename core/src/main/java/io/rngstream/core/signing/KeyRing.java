package io.rngstream.core.signing;

import io.rngstream.core.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The public keys a verifier trusts, by key id: the active key and the retired ones whose signatures must still verify.
 *
 * <p>Immutable and thread-safe. Every key is checked to be a valid Ed25519 point when the ring is built, and decoded
 * once, so verifying with a ring costs no per-call key parsing. The JSON form is the body of the processor's
 * {@code /keys} endpoint (docs/verification.md).
 */
public final class KeyRing {

    /** Whether the processor still signs with a key. */
    public enum Status {
        /** New signatures are made with this key. */
        ACTIVE,
        /** No longer signs; kept so that earlier signatures verify. */
        RETIRED;

        /** The name used in JSON: {@code active} or {@code retired}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One key of the ring.
     *
     * @param key    the public key
     * @param status whether it still signs
     */
    public record Entry(PublicKey key, Status status) {
        /** Rejects nulls. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(status, "status");
        }

        /** The key's id. */
        public String keyId() {
            return key.keyId();
        }
    }

    private record Prepared(Entry entry, Ed25519.PublicPoint point) {
    }

    private final Map<String, Prepared> byKeyId;

    private KeyRing(final Map<String, Prepared> byKeyId) {
        this.byKeyId = byKeyId;
    }

    /**
     * A ring of active keys.
     *
     * @param keys the keys; none twice
     * @return the ring
     * @throws IllegalArgumentException if a key is not a valid Ed25519 point or is listed twice
     */
    public static KeyRing of(final PublicKey... keys) {
        return of(Arrays.stream(keys).map(key -> new Entry(key, Status.ACTIVE)).toList());
    }

    /**
     * A ring of keys with their status.
     *
     * @param entries the keys; none twice
     * @return the ring, in the given order
     * @throws IllegalArgumentException if a key is not a valid Ed25519 point or is listed twice
     */
    public static KeyRing of(final Collection<Entry> entries) {
        final Map<String, Prepared> byKeyId = new LinkedHashMap<>();
        for (final Entry entry : entries) {
            final Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(entry.key().raw(), 0);
            if (point == null) {
                throw new IllegalArgumentException("key " + entry.keyId() + " is not a valid Ed25519 public key");
            }
            if (byKeyId.putIfAbsent(entry.keyId(), new Prepared(entry, point)) != null) {
                throw new IllegalArgumentException("key " + entry.keyId() + " is listed twice");
            }
        }
        return new KeyRing(byKeyId);
    }

    /**
     * Reads the {@code /keys} JSON form: {@code {"keys":[{"keyId","algorithm":"Ed25519","publicKey":PEM,"status"}]}}.
     * Members this version does not know are ignored.
     *
     * @param json the document
     * @return the ring
     * @throws IllegalArgumentException if the document is malformed, names another algorithm, or a keyId does not
     *                                  match its key
     */
    public static KeyRing fromJson(final String json) {
        final Map<String, Object> document = Json.parseObject(json);
        if (!(document.get("keys") instanceof List<?> keys)) {
            throw new IllegalArgumentException("key list: expected a \"keys\" array");
        }
        final List<Entry> entries = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            if (!(keys.get(i) instanceof Map<?, ?> item)) {
                throw new IllegalArgumentException("key list: keys[" + i + "] is not an object");
            }
            final String algorithm = text(item, "algorithm", i);
            if (!Ed25519Keys.ALGORITHM.equals(algorithm)) {
                throw new IllegalArgumentException("key list: keys[" + i + "] has algorithm " + algorithm
                        + "; only " + Ed25519Keys.ALGORITHM + " is supported");
            }
            final PublicKey key = Ed25519Keys.publicKeyFromPem(text(item, "publicKey", i));
            final String keyId = text(item, "keyId", i);
            if (!key.keyId().equals(keyId)) {
                throw new IllegalArgumentException("key list: keys[" + i + "] says keyId " + keyId
                        + " but its public key has keyId " + key.keyId());
            }
            final String status = text(item, "status", i);
            final Status parsed = status(text(item, "status", i), i);
            entries.add(new Entry(key, parsed));
        }
        return of(entries);
    }

    /**
     * The {@code /keys} JSON form, keys in ring order, PEM with {@code \n} line ends.
     *
     * @return one line of JSON
     */
    public String toJson() {
        final StringBuilder json = new StringBuilder(256 * (byKeyId.size() + 1)).append("{\"keys\":[");
        boolean first = true;
        for (final Prepared prepared : byKeyId.values()) {
            final Entry entry = prepared.entry();
            json.append(first ? "" : ",")
                    .append("{\"keyId\":").append(Json.quote(entry.keyId()))
                    .append(",\"algorithm\":").append(Json.quote(Ed25519Keys.ALGORITHM))
                    .append(",\"publicKey\":").append(Json.quote(entry.key().toPem()))
                    .append(",\"status\":").append(Json.quote(entry.status().jsonName()))
                    .append('}');
            first = false;
        }
        return json.append("]}").toString();
    }

    /**
     * Looks a key up by the id recorded with a signature.
     *
     * @param keyId a key id
     * @return the key, or empty if the ring does not hold it
     */
    public Optional<PublicKey> find(final String keyId) {
        final Prepared prepared = keyId == null ? null : byKeyId.get(keyId);
        return prepared == null ? Optional.empty() : Optional.of(prepared.entry().key());
    }

    /**
     * Whether a key is active or retired.
     *
     * @param keyId a key id
     * @return its status, or empty if the ring does not hold it
     */
    public Optional<Status> status(final String keyId) {
        final Prepared prepared = keyId == null ? null : byKeyId.get(keyId);
        return prepared == null ? Optional.empty() : Optional.of(prepared.entry().status());
    }

    /**
     * Checks a signature with the ring's key of that id, using the point decoded when the ring was built.
     *
     * @param keyId     the id recorded with the signature
     * @param message   the signed bytes
     * @param signature the 64-byte signature
     * @return {@code true} only if the ring holds the key and the signature is valid; use {@link #find} to tell an
     *         unknown key from a bad signature
     */
    public boolean verify(final String keyId, final byte[] message, final byte[] signature) {
        final Prepared prepared = keyId == null ? null : byKeyId.get(keyId);
        if (prepared == null || message == null || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, prepared.point(), message, 0, message.length);
    }

    /**
     * The keys, in ring order.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return byKeyId.values().stream().map(Prepared::entry).toList();
    }

    @Override
    public String toString() {
        return "KeyRing" + byKeyId.values().stream()
                .map(p -> p.entry().keyId() + ":" + p.entry().status().jsonName()).toList();
    }

    private static Status status(final String name, final int index) {
        for (final Status status : Status.values()) {
            if (status.jsonName().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("key list: keys[" + index + "] has status " + name
                + "; expected active or retired");
    }

    private static String text(final Map<?, ?> item, final String member, final int index) {
        if (!(item.get(member) instanceof String value)) {
            throw new IllegalArgumentException("key list: keys[" + index + "]." + member + " must be a string");
        }
        return value;
    }
}
