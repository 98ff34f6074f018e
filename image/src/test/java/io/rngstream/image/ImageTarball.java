package io.rngstream.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** An image as `jib:buildTar` writes it (`docker save` layout), unpacked into a directory to be read. */
record ImageTarball(Path dir, JsonNode config, List<Path> layers) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ImageTarball unpack(final Path tarball, final Path into) {
    try {
      Files.createDirectories(into);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(tarball))) {
        Tar.read(in, (entry, content) -> {
          if (entry.isFile()) {
            final Path target = into.resolve(entry.name()).normalize();
            if (!target.startsWith(into)) {
              throw new IOException("tar member outside the image: " + entry.name());
            }
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
          }
        });
      }
      final JsonNode manifest = JSON.readTree(into.resolve("manifest.json").toFile());
      final JsonNode config = JSON.readTree(into.resolve(manifest.get(0).get("Config").asText()).toFile());
      final List<Path> layers = new ArrayList<>();
      manifest.get(0).get("Layers").forEach(layer -> layers.add(into.resolve(layer.asText())));
      return new ImageTarball(into, config, List.copyOf(layers));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image " + tarball, e);
    }
  }

  /** Every member of every layer, lowest layer first: the file system a runtime would assemble. */
  void forEachEntry(final Tar.Visitor visitor) throws IOException {
    for (final Path layer : layers) {
      try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer)), 1 << 16)) {
        Tar.read(in, visitor);
      }
    }
  }

  /** The content of one file of the image, from the highest layer that has it. */
  byte[] read(final String path) throws IOException {
    final byte[][] found = new byte[1][];
    forEachEntry((entry, content) -> {
      if (entry.isFile() && entry.name().equals(path)) {
        found[0] = content.readAllBytes();
      }
    });
    if (found[0] == null) {
      throw new AssertionError("no file " + path + " in the image");
    }
    return found[0];
  }

  JsonNode containerConfig() {
    return config.get("config");
  }
}
