package org.certbulletin.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A request body kept as a file while an operation reads it (the importers read files), in a folder
 * of its own that is deleted afterwards. A caller names no file of the server: only what it sends
 * is read.
 */
final class Uploads implements AutoCloseable {

  private final Path folder;

  private Uploads(Path folder) {
    this.folder = folder;
  }

  static Uploads open() {
    try {
      return new Uploads(Files.createTempDirectory("cert-bulletin-upload-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for an upload", e);
    }
  }

  /** The body as a file named {@code name} (whose extension tells an importer its format). */
  Path body(Context ctx, String name) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw HttpRefusal.badRequest("the body is empty; send the document to import");
    }
    Path file = folder.resolve(name);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the upload", e);
    }
    return file;
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(Uploads::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the upload folder " + folder, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
