package io.rngstream.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads the tar streams of an image (POSIX/pax, GNU long names): what a container runtime unpacks, nothing more. */
final class Tar {
  private static final int BLOCK = 512;

  private Tar() {
  }

  /** One member of a tar stream; {@code name} has no leading "./" or "/". */
  record Entry(String name, char type, int mode, long size, String linkName) {
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }

    boolean isDirectory() {
      return type == '5';
    }

    boolean isSymlink() {
      return type == '2';
    }

    boolean isHardLink() {
      return type == '1';
    }

    boolean isExecutable() {
      return isFile() && (mode & 0111) != 0;
    }
  }

  /** What to do with each member; the stream given is the member's content and may be left unread. */
  @FunctionalInterface
  interface Visitor {
    void visit(Entry entry, InputStream content) throws IOException;
  }

  static void read(final InputStream in, final Visitor visitor) throws IOException {
    final Map<String, String> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    while (true) {
      final byte[] header = in.readNBytes(BLOCK);
      if (header.length < BLOCK || isZero(header)) {
        return;
      }
      final char type = (char) header[156];
      final long size = number(header, 124, 12);
      if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        final byte[] data = in.readNBytes(Math.toIntExact(size));
        skipPadding(in, size);
        switch (type) {
          case 'x' -> pax.putAll(paxRecords(data));
          case 'L' -> longName = cString(data, 0, data.length);
          case 'K' -> longLink = cString(data, 0, data.length);
          default -> { }
        }
        continue;
      }
      String name = cString(header, 0, 100);
      final String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty() && "ustar".equals(cString(header, 257, 5))) {
        name = prefix + "/" + name;
      }
      name = pax.getOrDefault("path", longName != null ? longName : name);
      final String link = pax.getOrDefault("linkpath", longLink != null ? longLink : cString(header, 157, 100));
      final long realSize = pax.containsKey("size") ? Long.parseLong(pax.get("size")) : size;
      pax.clear();
      longName = null;
      longLink = null;
      final Entry entry = new Entry(normalize(name), type, (int) number(header, 100, 8), realSize, link);
      final BoundedInputStream content = new BoundedInputStream(in, entry.isFile() ? realSize : 0);
      visitor.visit(entry, content);
      content.skipRest();
      if (entry.isFile()) {
        skipPadding(in, realSize);
      }
    }
  }

  static String normalize(final String name) {
    String normalized = name;
    while (normalized.startsWith("./") || normalized.startsWith("/")) {
      normalized = normalized.substring(normalized.startsWith("./") ? 2 : 1);
    }
    return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
  }

  private static Map<String, String> paxRecords(final byte[] data) {
    final Map<String, String> records = new HashMap<>();
    int at = 0;
    while (at < data.length) {
      int space = at;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      final int length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
      final String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
      final int equals = record.indexOf('=');
      records.put(record.substring(0, equals), record.substring(equals + 1));
      at += length;
    }
    return records;
  }

  private static long number(final byte[] header, final int offset, final int length) {
    if ((header[offset] & 0x80) != 0) {
      long value = header[offset] & 0x7f;
      for (int i = 1; i < length; i++) {
        value = (value << 8) | (header[offset + i] & 0xff);
      }
      return value;
    }
    final String octal = cString(header, offset, length).trim();
    return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
  }

  private static String cString(final byte[] bytes, final int offset, final int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(final byte[] block) {
    for (final byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void skipPadding(final InputStream in, final long size) throws IOException {
    final long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.readNBytes((int) padding);
  }

  /** A member's content: at most its size, and the rest skipped before the next header. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(final InputStream in, final long size) {
      this.in = in;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      final int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      final int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // The tar stream stays open for the next member.
    }

    void skipRest() throws IOException {
      while (remaining > 0) {
        final long skipped = in.skip(remaining);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("tar stream ends inside a member");
          }
          remaining--;
        } else {
          remaining -= skipped;
        }
      }
    }
  }
}
