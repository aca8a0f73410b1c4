package org.certbulletin.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes files so that readers see either the old content or the new, never a part: the bytes go to
 * a temporary file in the same folder, are flushed to disk, and the file is renamed over the
 * target. A file that already holds the same bytes is left alone, so its modification time stays.
 * Files are readable by their owner only, unless written with {@link #writePublic}.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}.
   *
   * @return true if the file changed, false if it already held these bytes
   */
  public static boolean write(Path target, byte[] bytes) throws IOException {
    return write(target, bytes, false);
  }

  /** Writes a file of the public archive, readable by everyone ({@code rw-r--r--}). */
  public static boolean writePublic(Path target, byte[] bytes) throws IOException {
    return write(target, bytes, true);
  }

  /** True if {@code file} exists and holds exactly {@code bytes}. */
  public static boolean sameBytes(Path file, byte[] bytes) throws IOException {
    return Files.isRegularFile(file)
        && Files.size(file) == bytes.length
        && Arrays.equals(Files.readAllBytes(file), bytes);
  }

  private static boolean write(Path target, byte[] bytes, boolean readable) throws IOException {
    if (sameBytes(target, bytes)) {
      return false;
    }
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    try {
      if (readable) {
        FilePermissions.makeReadable(temp);
      }
      try (FileChannel channel =
              FileChannel.open(
                  temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
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
}
