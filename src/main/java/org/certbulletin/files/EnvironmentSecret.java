package org.certbulletin.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.InvalidDataException;
import org.jspecify.annotations.Nullable;

/**
 * A secret (a signing key) an operator gives in the environment: as the value of one variable, or
 * in a file whose name another variable holds, for secrets managers that mount files. Never from
 * the data folder, never logged. The file must be a regular file of at most {@link #MAX_BYTES}: a
 * device ({@code /dev/zero}), a pipe or a folder is refused before it is opened, so a wrong name
 * can neither fill the memory nor wait for a writer forever.
 */
public final class EnvironmentSecret {

  /** 1 MiB: a secret key is a few kilobytes, a long RSA one with its signatures tens of them. */
  public static final int MAX_BYTES = 1024 * 1024;

  private EnvironmentSecret() {}

  /**
   * The secret's text (US-ASCII, as PEM and OpenPGP armour are): {@code variable}'s value, else the
   * file {@code fileVariable} names; empty when neither is set.
   *
   * @param what what the secret is, for the message when its file cannot be read
   * @throws InvalidDataException if the named file cannot be read, is not a regular file, is larger
   *     than {@link #MAX_BYTES} or is not text
   */
  public static Optional<String> read(
      Map<String, String> environment, String variable, String fileVariable, String what) {
    Optional<byte[]> bytes = readBytes(environment, variable, fileVariable, what);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      String text =
          StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes.get())).toString();
      return text.isBlank() ? Optional.empty() : Optional.of(text);
    } catch (CharacterCodingException e) {
      String file = environment.get(fileVariable);
      if (isSet(environment.get(variable)) || file == null) {
        throw InvalidDataException.of(
            variable, "is not text; give the " + what + " in its text form (PEM or ASCII armour)");
      }
      throw InvalidDataException.of(
          file,
          "the "
              + what
              + " file named by "
              + fileVariable
              + " is not text; give the key in its text form (PEM or ASCII armour)");
    }
  }

  /**
   * The secret's bytes: {@code variable}'s value (as UTF-8), else the contents of the file {@code
   * fileVariable} names; empty when neither is set or what is set is blank.
   *
   * @param what what the secret is, for the message when its file cannot be read
   * @throws InvalidDataException if the named file cannot be read, is not a regular file or is
   *     larger than {@link #MAX_BYTES}
   */
  public static Optional<byte[]> readBytes(
      Map<String, String> environment, String variable, String fileVariable, String what) {
    String text = environment.get(variable);
    if (text != null && !text.isBlank()) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (bytes.length > MAX_BYTES) {
        throw InvalidDataException.of(
            variable, "is longer than " + limit() + "; a " + what + " is a few kilobytes");
      }
      return Optional.of(bytes);
    }
    String file = environment.get(fileVariable);
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes = readFile(Path.of(file), file, fileVariable, what);
    return isBlank(bytes) ? Optional.empty() : Optional.of(bytes);
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  private static byte[] readFile(Path path, String file, String fileVariable, String what) {
    String named = "the " + what + " file named by " + fileVariable;
    try {
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw InvalidDataException.of(
            file,
            named
                + " is not a regular file (a device, a pipe or a folder); "
                + fileVariable
                + " must name a file that holds the key");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw InvalidDataException.of(
            file,
            named
                + " is larger than "
                + limit()
                + "; a "
                + what
                + " is a few kilobytes: does "
                + fileVariable
                + " name the right file?");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw InvalidDataException.of(
          file, named + " does not exist; fix " + fileVariable + " or create the file");
    } catch (AccessDeniedException e) {
      throw InvalidDataException.of(
          file, named + " cannot be read: permission denied (check the file's owner and mode)");
    } catch (IOException e) {
      throw InvalidDataException.of(file, named + " cannot be read: " + e.getMessage());
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (!Character.isWhitespace(b & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static String limit() {
    return "1 MiB (" + MAX_BYTES + " bytes)";
  }
}
