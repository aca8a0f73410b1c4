package org.certbulletin.ingest;

import java.util.Optional;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;

/**
 * Finds the quoting mistakes of a CSV text (RFC 4180, as the sheet reader parses it) with their
 * line and column: a quoted cell that is never closed, and text after a quoted cell's closing
 * quote. The parser only says that the file ended inside a quote; an analyst needs to know where it
 * opened.
 */
final class CsvQuotes {

  private CsvQuotes() {}

  /** The first quoting mistake of {@code text}, named in file {@code name}; empty if none. */
  static Optional<Problem> problem(String text, char delimiter, String name) {
    int line = 1;
    int column = 1;
    int cell = 1;
    boolean cellStart = true;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (cellStart && c == '"') {
        int openLine = line;
        int openColumn = column;
        int openCell = cell;
        i++;
        column++;
        while (true) {
          if (i >= text.length()) {
            return Optional.of(
                new Problem(
                    name,
                    new Location(openLine, openColumn),
                    "",
                    "cell "
                        + openCell
                        + " of this row opens a quote (\") that is never closed, so the rest of"
                        + " the file would be one cell; close the quote, or remove it (a quote"
                        + " inside a quoted cell is written twice: \"\")"));
          }
          char q = text.charAt(i);
          if (q == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i += 2;
            column += 2;
          } else if (q == '"') {
            i++;
            column++;
            break;
          } else if (q == '\n' || q == '\r') {
            i += q == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            line++;
            column = 1;
          } else {
            i++;
            column++;
          }
        }
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
          i++;
          column++;
        }
        if (i < text.length()
            && text.charAt(i) != delimiter
            && text.charAt(i) != '\n'
            && text.charAt(i) != '\r') {
          return Optional.of(
              new Problem(
                  name,
                  new Location(line, column),
                  "",
                  "text after the closing quote of cell "
                      + openCell
                      + " (opened at line "
                      + openLine
                      + ", column "
                      + openColumn
                      + "); put the whole cell in quotes and write each quote inside it twice"
                      + " (\"\"), or end the cell at the quote"));
        }
        cellStart = false;
        continue;
      }
      if (c == delimiter) {
        cellStart = true;
        cell++;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        cellStart = true;
        cell = 1;
        line++;
        column = 0;
      } else {
        cellStart = false;
      }
      i++;
      column++;
    }
    return Optional.empty();
  }
}
