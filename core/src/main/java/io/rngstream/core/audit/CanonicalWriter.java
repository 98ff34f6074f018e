package io.rngstream.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Appends values in the fixed-width, length-prefixed forms of docs/verification.md, section "Primitive encodings". */
final class CanonicalWriter {

    private static final int NULL_LENGTH = -1;

    private byte[] buffer;
    private int size;

    CanonicalWriter(final int initialCapacity) {
        this.buffer = new byte[initialCapacity];
    }

    /** A string: u32 length of its UTF-8 bytes, then the bytes. Null is not allowed. */
    CanonicalWriter string(final String field, final String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is null but is not optional");
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return int32(utf8.length).raw(utf8, 0, utf8.length);
    }

    /** An optional string: i32 length, -1 for null, then the UTF-8 bytes. */
    CanonicalWriter nullableString(final String value) {
        if (value == null) {
            return int32(NULL_LENGTH);
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return int32(utf8.length).raw(utf8, 0, utf8.length);
    }

    /** Bytes: u32 length, then the bytes. Null is not allowed. */
    CanonicalWriter bytes(final String field, final byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is null but is not optional");
        }
        return int32(value.length).raw(value, 0, value.length);
    }

    /** Bytes from an Avro field: u32 length, then the bytes. Null is not allowed. */
    CanonicalWriter bytes(final String field, final ByteBuffer value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is null but is not optional");
        }
        return nullableBytes(value);
    }

    /** Optional bytes: i32 length, -1 for null, then the bytes. */
    CanonicalWriter nullableBytes(final ByteBuffer value) {
        if (value == null) {
            return int32(NULL_LENGTH);
        }
        final ByteBuffer view = value.duplicate();
        int32(view.remaining());
        ensure(view.remaining());
        final int length = view.remaining();
        view.get(buffer, size, length);
        size += length;
        return this;
    }

    /** A list of longs: u32 count, then 8 bytes big-endian each. */
    CanonicalWriter longs(final String field, final List<Long> values) {
        if (values == null) {
            throw new IllegalArgumentException(field + " is null but is not optional");
        }
        int32(values.size());
        ensure(values.size() * Long.BYTES);
        for (final Long value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + " holds a null");
            }
            int64(value);
        }
        return this;
    }

    /** 4 bytes, big-endian two's complement. */
    CanonicalWriter int32(final int value) {
        ensure(Integer.BYTES);
        buffer[size] = (byte) (value >>> 24);
        buffer[size + 1] = (byte) (value >>> 16);
        buffer[size + 2] = (byte) (value >>> 8);
        buffer[size + 3] = (byte) value;
        size += Integer.BYTES;
        return this;
    }

    /** 8 bytes, big-endian two's complement. */
    CanonicalWriter int64(final long value) {
        ensure(Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            buffer[size + i] = (byte) (value >>> (56 - 8 * i));
        }
        size += Long.BYTES;
        return this;
    }

    /** One byte: 0x01 for true, 0x00 for false. */
    CanonicalWriter bool(final boolean value) {
        ensure(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private CanonicalWriter raw(final byte[] value, final int offset, final int length) {
        ensure(length);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
        return this;
    }

    private void ensure(final int more) {
        if (buffer.length - size < more) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
