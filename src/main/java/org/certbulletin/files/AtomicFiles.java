package org.certbulletin.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;

/**
 * Writes files so that readers see either the old content or the new, never a part: the bytes go to
 * a temporary file in the same folder, are flushed to disk, and the file is renamed over the
 * target. A file that already holds the same bytes is left alone, so its modification time stays.
 * Files are readable by their owner only, unless written with {@link #writePublic}; {@link
 * #createNew} makes a file that must not exist yet, with the mode of another.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}.
   *
   * @return true if the file changed, false if it already held these bytes
   */
  public static boolean write(Path target, byte[] bytes) throws IOException {
    return write(target, bytes, temp -> {});
  }

  /**
   * Replaces the content of the existing file {@code target} with {@code bytes}, keeping its
   * permissions (a data file other users, such as the daemon's, read).
   *
   * @return true if the file changed, false if it already held these bytes
   */
  public static boolean replace(Path target, byte[] bytes) throws IOException {
    return write(target, bytes, modeOf(target));
  }

  /** Writes a file of the public archive, readable by everyone ({@code rw-r--r--}). */
  public static boolean writePublic(Path target, byte[] bytes) throws IOException {
    return write(target, bytes, FilePermissions::makeReadable);
  }

  /**
   * Creates {@code target} with {@code bytes} and the permissions of {@code modeOf} (where the file
   * system has modes), all at once: the file appears whole, and never replaces one that exists,
   * even one created meanwhile.
   *
   * @throws FileAlreadyExistsException if {@code target} exists
   */
  public static void createNew(Path target, byte[] bytes, Path modeOf) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temp = staged(target, bytes, modeOf(modeOf));
    try {
      try {
        // a hard link fails if the target exists, however it came to be: no check-then-act race
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        throw e;
      } catch (IOException | UnsupportedOperationException e) {
        Files.move(temp, target);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** True if {@code file} exists and holds exactly {@code bytes}. */
  public static boolean sameBytes(Path file, byte[] bytes) throws IOException {
    return Files.isRegularFile(file)
        && Files.size(file) == bytes.length
        && Arrays.equals(Files.readAllBytes(file), bytes);
  }

  private static boolean write(Path target, byte[] bytes, Mode mode) throws IOException {
    if (sameBytes(target, bytes)) {
      return false;
    }
    Path temp = staged(target, bytes, mode);
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * A temporary file beside {@code target} given its mode first, then {@code bytes}, flushed to
   * disk: ready to take the target's place.
   */
  private static Path staged(Path target, byte[] bytes, Mode mode) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    try {
      mode.apply(temp);
      try (FileChannel channel =
              FileChannel.open(
                  temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      return temp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** The permissions of {@code source}, for a file system that has them. */
  private static Mode modeOf(Path source) {
    return temp -> {
      if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(source));
      }
    };
  }

  /** What a temporary file's permissions become before its bytes are written. */
  private interface Mode {
    void apply(Path temp) throws IOException;
  }
}
