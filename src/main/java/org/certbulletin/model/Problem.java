package org.certbulletin.model;

import java.util.Objects;

/**
 * One thing wrong with an input file, said so that a person can fix it: {@code
 * data/weeks/2024-W51.json:14:9: /tallies/incidents/value: must be >= 0}. Its text is one line that
 * is safe to print: a character of the input that a terminal would hide or that would reorder the
 * line is shown by its code ({@link PrintableMessage}).
 *
 * @param pointer JSON pointer of the offending value; empty for the whole document
 */
public record Problem(String file, Location location, String pointer, String message) {

  public Problem {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(location, "location == null");
    Objects.requireNonNull(pointer, "pointer == null");
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public String toString() {
    return PrintableMessage.of(
        file + ":" + location + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message);
  }
}
