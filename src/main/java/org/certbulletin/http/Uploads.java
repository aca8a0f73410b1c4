package org.certbulletin.http;

import io.javalin.http.Context;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * A request body (or a file of a console form) kept as a file while an operation reads it (the
 * importers read files), in a folder of its own that is deleted afterwards. A caller names no file
 * of the server: only what it sends is read.
 */
public final class Uploads implements AutoCloseable {

  private final Path folder;

  private Uploads(Path folder) {
    this.folder = folder;
  }

  public static Uploads open() {
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
   * {@code content} as a file named {@code name}, which must be a plain file name (its extension
   * tells an importer the format); at most {@code maxBytes} are kept.
   *
   * @throws HttpRefusal 400 if {@code name} is not a plain file name, 413 if the content is longer
   */
  public Path file(String name, InputStream content, long maxBytes) {
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,120}")) {
      throw HttpRefusal.badRequest("'" + name + "' is not a plain file name");
    }
    Path file = folder.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      long copied = content.transferTo(new BoundedStream(out, maxBytes));
      if (copied == 0) {
        throw HttpRefusal.badRequest(
            "the file " + name + " is empty; choose the document to import");
      }
    } catch (BoundedStream.TooLong e) {
      throw new HttpRefusal(
          413,
          "content-too-large",
          "Content too large",
          "the file " + name + " is larger than " + maxBytes + " bytes");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the upload", e);
    }
    return file;
  }

  /**
   * {@code text} as a caller may see it: without this server's folder, so that the body is named by
   * its file name alone ({@code request-body.json:1:1: ...}).
   */
  public String shown(String text) {
    return text.replace(folder.toString() + folder.getFileSystem().getSeparator(), "");
  }

  public List<String> shown(List<String> texts) {
    return texts.stream().map(this::shown).toList();
  }

  /** The result of {@code work}; its bad-input failure without this server's folder. */
  public <T> T reading(Supplier<T> work) {
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

  /** An output that refuses more than its bound. */
  private static final class BoundedStream extends FilterOutputStream {
    private final long max;
    private long written;

    BoundedStream(OutputStream out, long max) {
      super(out);
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      count(1);
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      count(length);
      out.write(bytes, offset, length);
    }

    private void count(int more) throws TooLong {
      written += more;
      if (written > max) {
        throw new TooLong();
      }
    }

    static final class TooLong extends IOException {
      private static final long serialVersionUID = 1L;

      TooLong() {
        super("too long", null);
      }
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
