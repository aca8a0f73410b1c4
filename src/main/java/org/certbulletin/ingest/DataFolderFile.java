package org.certbulletin.ingest;

import java.io.IOException;
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
      if (Files.size(file) > maxBytes) {
        throw problem(name, "is larger than " + maxBytes + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw problem(name, "file not found; create it or fix " + setting);
    } catch (IOException e) {
      throw problem(name, "cannot be read: " + e.getMessage());
    }
  }

  private static InvalidDataException problem(String file, String message) {
    return InvalidDataException.of(new Problem(file, Location.START, "", message));
  }
}
