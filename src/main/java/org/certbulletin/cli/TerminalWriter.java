package org.certbulletin.cli;

import java.io.IOException;
import java.io.Writer;
import org.certbulletin.model.PrintableMessage;

/**
 * The one way out to the terminal for what a command prints: each line passes through {@link
 * PrintableMessage#lines}, so a character of the data that the terminal would hide or that would
 * reorder the line (a RIGHT-TO-LEFT OVERRIDE in a title, an escape sequence in a file name) is
 * shown by its code, whichever message quotes it.
 */
final class TerminalWriter extends Writer {

  private final Writer out;
  private final StringBuilder line = new StringBuilder();

  TerminalWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    synchronized (lock) {
      for (int i = offset; i < offset + length; i++) {
        line.append(text[i]);
        if (text[i] == '\n') {
          out.write(PrintableMessage.lines(line.toString()));
          line.setLength(0);
        }
      }
    }
  }

  /**
   * Writes the line so far, keeping back only a character that its next part completes (the first
   * half of a surrogate pair, the CR of a CR LF).
   */
  @Override
  public void flush() throws IOException {
    synchronized (lock) {
      int keep = 0;
      if (!line.isEmpty()) {
        char last = line.charAt(line.length() - 1);
        keep = Character.isHighSurrogate(last) || last == '\r' ? 1 : 0;
      }
      out.write(PrintableMessage.lines(line.substring(0, line.length() - keep)));
      line.delete(0, line.length() - keep);
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      out.write(PrintableMessage.lines(line.toString()));
      line.setLength(0);
      out.close();
    }
  }
}
