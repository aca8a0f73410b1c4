package org.certbulletin.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where the figures go: one {@code name: value unit} line each on standard output, the names kept
 * from one version to the next so that the history stays comparable; progress on standard error.
 * Figures are measured, never asserted.
 */
final class Figures {

  private final PrintStream out;

  Figures(PrintStream out) {
    this.out = out;
  }

  void add(String name, double value, String unit) {
    String shown =
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? String.valueOf((long) value)
            : String.format(Locale.ROOT, "%.1f", value);
    out.println(name + ": " + shown + " " + unit);
    out.flush();
  }

  static void progress(String message) {
    System.err.println(message);
  }
}
