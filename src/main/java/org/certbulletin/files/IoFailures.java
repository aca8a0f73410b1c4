package org.certbulletin.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Says why a file could not be written or read, in words an operator can act on: permission denied,
 * no space left, a read-only file system, rather than a bare path or an exception's class name.
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
    Optional<String> explained = explain(e, reason);
    if (explained.isEmpty()) {
      return String.valueOf(failure.getMessage());
    }
    String why = explained.get();
    String verb = verb(e, why);
    String context = contextOf(failure, e, verb);
    return (file != null ? verb + " " + file + ": " : context) + why;
  }

  private static Optional<String> explain(IOException e, @Nullable String reason) {
    String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (e instanceof AccessDeniedException
        || lower.contains("permission denied")
        || lower.contains("operation not permitted")) {
      return Optional.of(
          accessOf(e) == Access.READ
              ? "permission denied (check the file's and its folders' owner and mode)"
              : "permission denied (check the folder's owner and mode, and that it is not marked"
                  + " immutable)");
    }
    if (lower.contains("no space left on device")) {
      return Optional.of(
          "no space left on device (free some space, or point --out at a larger disk)");
    }
    if (lower.contains("disk quota exceeded")) {
      return Optional.of("disk quota exceeded (free some space or raise the quota)");
    }
    if (lower.contains("read-only file system")) {
      return Optional.of("read-only file system (mount it read-write, or point --out elsewhere)");
    }
    return Optional.empty();
  }

  /** What was being done, when the failure says so and the I/O error names no file. */
  private static String contextOf(Throwable failure, IOException root, String verb) {
    String message = failure.getMessage();
    if (failure != root && message != null) {
      int colon = message.indexOf(": ");
      if (colon > 0) {
        return message.substring(0, colon) + ": ";
      }
    }
    return verb + ": ";
  }

  /**
   * "cannot write" or "cannot read" when the failure says which, else "cannot access". A full disk,
   * a quota or a read-only file system can only stop a write; permission can stop either.
   */
  private static String verb(IOException e, String why) {
    if (!why.startsWith("permission denied")) {
      return "cannot write";
    }
    return switch (accessOf(e)) {
      case READ -> "cannot read";
      case WRITE -> "cannot write";
      case UNKNOWN -> "cannot access";
    };
  }

  private enum Access {
    READ,
    WRITE,
    UNKNOWN
  }

  private static final Set<String> FILES_READS =
      Set.of(
          "readAllBytes",
          "readString",
          "readAllLines",
          "lines",
          "newInputStream",
          "newBufferedReader",
          "newDirectoryStream",
          "list",
          "walk",
          "find",
          "size",
          "readAttributes",
          "readSymbolicLink",
          "probeContentType");

  private static final Set<String> FILES_WRITES =
      Set.of(
          "write",
          "writeString",
          "newOutputStream",
          "newBufferedWriter",
          "createDirectories",
          "createDirectory",
          "createFile",
          "createTempFile",
          "createTempDirectory",
          "createSymbolicLink",
          "createLink",
          "move",
          "copy",
          "delete",
          "deleteIfExists",
          "setAttribute",
          "setPosixFilePermissions",
          "setLastModifiedTime",
          "setOwner");

  /**
   * Whether the operating system refused a read or a write, from the innermost call of {@link
   * java.nio.file.Files} or of a {@code java.io} file stream in the exception's stack.
   */
  private static Access accessOf(IOException e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String type = frame.getClassName();
      String method = frame.getMethodName();
      if (type.equals("java.nio.file.Files")) {
        if (FILES_READS.contains(method)) {
          return Access.READ;
        }
        if (FILES_WRITES.contains(method)) {
          return Access.WRITE;
        }
      } else if (type.equals("java.io.FileInputStream")
          || type.equals("java.io.FileReader")
          || (type.equals("sun.nio.ch.FileChannelImpl") && method.startsWith("read"))) {
        return Access.READ;
      } else if (type.equals("java.io.FileOutputStream") || type.equals("java.io.FileWriter")) {
        return Access.WRITE;
      }
    }
    return Access.UNKNOWN;
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
