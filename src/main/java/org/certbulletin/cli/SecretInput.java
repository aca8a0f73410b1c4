package org.certbulletin.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.ServiceFailure;

/**
 * Where a command reads a password, which it never takes as an argument (other users see a
 * process's arguments, and shells keep them): an environment variable, else standard input, asked
 * for twice without echo when that is a terminal.
 *
 * @param terminal whether {@code input} is the terminal ({@link System#console()} is there)
 */
record SecretInput(Map<String, String> environment, InputStream input, boolean terminal) {

  /** The variable a password is read from. */
  static final String PASSWORD_VARIABLE = "CERT_BULLETIN_PASSWORD";

  /** This process's environment and standard input. */
  static SecretInput standard() {
    return new SecretInput(System.getenv(), System.in, console().isPresent());
  }

  /**
   * The terminal, if standard input and output are one: on Java 17 exactly when {@code
   * System.console()} exists (from Java 22 it exists for any process, so this would need {@code
   * Console.isTerminal()} there).
   */
  @SuppressWarnings("SystemConsoleNull")
  private static Optional<Console> console() {
    return Optional.ofNullable(System.console());
  }

  /**
   * The password for {@code user}: {@value #PASSWORD_VARIABLE} if set, else the first line of
   * standard input. The caller wipes it.
   *
   * @throws ServiceFailure.BadInput if there is none, or the two typed on a terminal differ
   */
  char[] password(String user) {
    String variable = environment.get(PASSWORD_VARIABLE);
    if (variable != null && !variable.isEmpty()) {
      return variable.toCharArray();
    }
    Optional<Console> console = terminal ? console() : Optional.empty();
    if (console.isPresent()) {
      return typed(console.get(), user);
    }
    char[] line = firstLine();
    if (line.length == 0) {
      throw missing();
    }
    return line;
  }

  private static char[] typed(Console console, String user) {
    char[] first = console.readPassword("password for %s: ", user);
    if (first == null || first.length == 0) {
      throw missing();
    }
    char[] again = console.readPassword("the same again: ");
    try {
      if (!Arrays.equals(first, again)) {
        Arrays.fill(first, '\0');
        throw bad("the two passwords differ; nothing was changed");
      }
      return first;
    } finally {
      if (again != null) {
        Arrays.fill(again, '\0');
      }
    }
  }

  /** The first line of the input, without its line break; a little longer than any password. */
  private char[] firstLine() {
    char[] buffer = new char[AccessService.MAX_PASSWORD_LENGTH + 2];
    int length = 0;
    try {
      // not closed: it would close standard input
      Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8);
      int c;
      while (length < buffer.length && (c = reader.read()) != -1 && c != '\n') {
        buffer[length++] = (char) c;
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      return Arrays.copyOf(buffer, length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password from standard input", e);
    } finally {
      Arrays.fill(buffer, '\0');
    }
  }

  private static ServiceFailure.BadInput missing() {
    return bad(
        "no password given: set "
            + PASSWORD_VARIABLE
            + " or write it on standard input (never as an argument)");
  }

  private static ServiceFailure.BadInput bad(String message) {
    return new ServiceFailure.BadInput(message, List.of());
  }
}
