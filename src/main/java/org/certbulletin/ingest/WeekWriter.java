package org.certbulletin.ingest;

import org.certbulletin.model.Week;

/**
 * Writes a week in the normalised form of the week schema: every default filled in (each item's
 * TLP, each advisory's severity), so the file stands on its own and reads back to the same week.
 */
public final class WeekWriter {

  private WeekWriter() {}

  /** The week as UTF-8 JSON, ending with a newline. */
  public static byte[] write(Week week) {
    return DataMapper.write(week);
  }
}
