package org.certbulletin.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.InvalidDataException;

/**
 * A secret (a signing key) an operator gives in the environment: as the value of one variable, or
 * in a file whose name another variable holds, for secrets managers that mount files. Never from
 * the data folder, never logged.
 */
public final class EnvironmentSecret {

  private EnvironmentSecret() {}

  /**
   * The secret's text: {@code variable}'s value, else the file {@code fileVariable} names; empty
   * when neither is set.
   *
   * @param what what the secret is, for the message when its file cannot be read
   * @throws InvalidDataException if the named file cannot be read
   */
  public static Optional<String> read(
      Map<String, String> environment, String variable, String fileVariable, String what) {
    String text = environment.get(variable);
    if (text != null && !text.isBlank()) {
      return Optional.of(text);
    }
    String file = environment.get(fileVariable);
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    try {
      text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw InvalidDataException.of(
          file,
          "cannot read the " + what + " file named by " + fileVariable + ": " + e.getMessage());
    }
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }
}
