package org.certbulletin.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.certbulletin.model.Problem;
import org.certbulletin.service.ServiceFailure;

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

  /**
   * {@code text} as a caller may see it: without this server's folder, so that the body is named by
   * its file name alone ({@code request-body.json:1:1: ...}).
   */
  String shown(String text) {
    return text.replace(folder.toString() + folder.getFileSystem().getSeparator(), "");
  }

  List<String> shown(List<String> texts) {
    return texts.stream().map(this::shown).toList();
  }

  /** The result of {@code work}; its bad-input failure without this server's folder. */
  <T> T reading(Supplier<T> work) {
    try {
      return work.get();
    } catch (ServiceFailure.BadInput e) {
      throw new ServiceFailure.BadInput(
          shown(e.getMessage()),
          e.problems().stream()
              .map(p -> new Problem(shown(p.file()), p.location(), p.pointer(), shown(p.message())))
              .toList());
    }
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
