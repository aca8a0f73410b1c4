package org.certbulletin.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;

/**
 * A file the configuration names inside the data folder (a recipients file, a key file): read
 * whole, bounded in size, never outside the folder, even through a symbolic link.
 */
public final class DataFolderFile {

  private DataFolderFile() {}

  /**
   * The bytes of {@code relative} in {@code dataRoot}.
   *
   * @param setting the configuration member that names the file, for the message
   * @throws InvalidDataException naming the file and what to do
   */
  public static byte[] read(Path dataRoot, String relative, long maxBytes, String setting) {
    Path file = dataRoot.resolve(relative).normalize();
    String name = file.toString();
    try {
      if (!file.toAbsolutePath().normalize().startsWith(dataRoot.toAbsolutePath().normalize())
          || !file.toRealPath().startsWith(dataRoot.toRealPath())) {
        throw problem(name, "is outside the data folder; " + setting + " must name a file in it");
      }
      if (!Files.isRegularFile(file)) {
        throw problem(
            name,
            "is not a regular file (a folder, a pipe or a device); "
                + setting
                + " must name a file");
      }
      // read at most one byte past the limit: the file may grow while it is read
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      }
      if (bytes.length > maxBytes) {
        throw problem(
            name,
            "is larger than "
                + size(maxBytes)
                + ", the limit for "
                + setting
                + "; is it the right file?");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw problem(name, "file not found; create it or fix " + setting);
    } catch (IOException e) {
      throw problem(name, "cannot be read: " + e.getMessage());
    }
  }

  /** {@code 16 MiB (16777216 bytes)}, or the bytes alone when not a whole number of MiB. */
  private static String size(long bytes) {
    long mib = 1024L * 1024;
    return bytes % mib == 0 ? bytes / mib + " MiB (" + bytes + " bytes)" : bytes + " bytes";
  }

  private static InvalidDataException problem(String file, String message) {
    return InvalidDataException.of(new Problem(file, Location.START, "", message));
  }
}
