package io.rngstream.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the end of a log file, for error messages, without failing on bytes that are not UTF-8. */
final class LogTail {

    private LogTail() {
    }

    static List<String> lastLines(final Path file, final int count) {
        try {
            final List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }

    static String indented(final Path file, final int count) {
        return "  " + String.join(System.lineSeparator() + "  ", lastLines(file, count));
    }
}
