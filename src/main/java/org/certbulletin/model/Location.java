package org.certbulletin.model;

/** A 1-based line and column in a text file; column 0 when the whole line is meant. */
public record Location(int line, int column) {

  public static final Location START = new Location(1, 1);

  @Override
  public String toString() {
    return column > 0 ? line + ":" + column : String.valueOf(line);
  }
}
