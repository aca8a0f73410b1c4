package org.certbulletin.service;

import java.util.List;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.WeekId;

/**
 * The bundled sample as the scheduler sees it: weeks of December 2024, each marked {@code "sample":
 * true}. While the data folder holds nothing else, the week a firing is due for has no file, and
 * that is no alarm: there is nothing of the CERT's own to publish yet.
 */
final class SampleData {

  private SampleData() {}

  /**
   * The weeks of the data folder if every one is marked as sample data and {@code due} has no file;
   * empty otherwise (the CERT's own weeks, or a due week that has data).
   */
  static List<WeekId> only(DataDirectory data, WeekId due) {
    List<WeekId> weeks = data.weeks();
    if (weeks.isEmpty() || weeks.contains(due) || !weeks.stream().allMatch(data::isSample)) {
      return List.of();
    }
    return weeks;
  }

  /** {@code 2024-W44 to 2024-W51}. */
  static String range(List<WeekId> weeks) {
    WeekId newest = weeks.get(weeks.size() - 1);
    return weeks.size() == 1 ? newest.toString() : weeks.get(0) + " to " + newest;
  }

  /** The command that rehearses a firing on the newest of {@code weeks}. */
  static String rehearsal(List<WeekId> weeks) {
    return ProgramName.command("run --once --week " + weeks.get(weeks.size() - 1) + " --dry-run");
  }
}
