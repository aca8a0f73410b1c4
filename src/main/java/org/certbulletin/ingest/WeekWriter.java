package org.certbulletin.ingest;

import org.certbulletin.model.Bulletin;
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

  /**
   * The edition's JSON ({@code bulletin.json}, and the PDF's attachment): its week as {@link
   * #write(Week)} writes it, and for a bulletin with a revision one more member, {@code revision}
   * (version, history, correction with its changes, superseded_by), which the week schema does not
   * know: it is derived, never typed into a week file.
   */
  public static byte[] write(Bulletin bulletin) {
    return bulletin
        .revision()
        .map(revision -> DataMapper.write(bulletin.week(), revision))
        .orElseGet(() -> DataMapper.write(bulletin.week()));
  }
}
