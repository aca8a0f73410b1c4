package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SyntheticData;

/**
 * Writes a data folder of generated data for the whole-process comparison ({@code
 * benchmarks/compare}): {@code SyntheticWeek FOLDER ADVISORIES [WEEK]} writes {@code config.json}
 * (one language, English) and the week (default 2024-W51) and the one before it, each with {@code
 * ADVISORIES} advisories.
 */
public final class SyntheticWeek {

  private SyntheticWeek() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: SyntheticWeek FOLDER ADVISORIES [WEEK]");
      System.exit(2);
    }
    WeekId week = WeekId.parse(args.length == 3 ? args[2] : "2024-W51");
    new SyntheticData(7).write(Path.of(args[0]), week.previous(), 2, Integer.parseInt(args[1]));
  }
}
