package org.certbulletin.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import java.util.Optional;

/**
 * Says why a file could not be written, in words an operator can act on: permission denied, no
 * space left, a read-only file system, rather than a bare path or an exception's class name.
 */
public final class IoFailures {

  private IoFailures() {}

  /**
   * A one-line description of {@code failure} (an {@link IOException}, or anything carrying one),
   * naming the file and the reason when the operating system gave them.
   */
  public static String describe(Throwable failure) {
    Optional<IOException> io = rootIo(failure);
    if (io.isEmpty()) {
      return String.valueOf(failure.getMessage());
    }
    IOException e = io.get();
    String file = e instanceof FileSystemException fs ? fs.getFile() : null;
    String reason =
        e instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : e instanceof AccessDeniedException ? "Permission denied" : e.getMessage();
    String why = explain(e, reason);
    if (why == null) {
      return String.valueOf(failure.getMessage());
    }
    String context = contextOf(failure, e);
    return (file != null ? "cannot write " + file + ": " : context) + why;
  }

  private static String explain(IOException e, String reason) {
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (e instanceof AccessDeniedException
        || lower.contains("permission denied")
        || lower.contains("operation not permitted")) {
      return "permission denied (check the folder's owner and mode, and that it is not marked"
          + " immutable)";
    }
    if (lower.contains("no space left on device")) {
      return "no space left on device (free some space, or point --out at a larger disk)";
    }
    if (lower.contains("disk quota exceeded")) {
      return "disk quota exceeded (free some space or raise the quota)";
    }
    if (lower.contains("read-only file system")) {
      return "read-only file system (mount it read-write, or point --out elsewhere)";
    }
    return null;
  }

  /** What was being done, when the failure says so and the I/O error names no file. */
  private static String contextOf(Throwable failure, IOException root) {
    String message = failure.getMessage();
    if (failure != root && message != null) {
      int colon = message.indexOf(": ");
      if (colon > 0) {
        return message.substring(0, colon) + ": ";
      }
    }
    return "cannot write: ";
  }

  /** The innermost I/O exception in the chain, where the operating system's reason is. */
  private static Optional<IOException> rootIo(Throwable failure) {
    IOException found = null;
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 20; depth++) {
      if (current instanceof IOException io) {
        found = io;
      }
      if (current instanceof UncheckedIOException unchecked) {
        found = unchecked.getCause();
      }
      if (current.getCause() == current) {
        break;
      }
      current = current.getCause();
    }
    return Optional.ofNullable(found);
  }
}
