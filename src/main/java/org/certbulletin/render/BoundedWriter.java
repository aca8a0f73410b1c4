package org.certbulletin.render;

import java.io.IOException;
import java.io.Writer;

/**
 * Collects a template's output in memory and stops it past a size, so a runaway loop cannot fill
 * the heap.
 */
final class BoundedWriter extends Writer {

  /** Thrown when the output would pass the limit. */
  static final class TooLong extends IOException {
    TooLong(int limit) {
      super("output longer than " + limit + " characters");
    }
  }

  private final StringBuilder text = new StringBuilder(64 * 1024);
  private final int limit;

  BoundedWriter(int limit) {
    this.limit = limit;
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    if (text.length() + length > limit) {
      throw new TooLong(limit);
    }
    text.append(chars, offset, length);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return text.toString();
  }
}
