package org.certbulletin.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What an import did, or would do with {@code --dry-run}, line by line for the analyst. */
public final class ImportReport {

  private final List<String> lines = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private int added;
  private int updated;
  private int unchanged;
  private boolean changed;

  void added(String line) {
    added++;
    lines.add("added " + line);
  }

  void updated(String line) {
    updated++;
    lines.add("updated " + line);
  }

  void sameAsBefore() {
    unchanged++;
  }

  void note(String line) {
    lines.add(line);
  }

  /**
   * Something in a source that is wrong but did not stop the import, with what was made of it
   * (which of two entries was kept, what was assumed).
   */
  void warning(String line) {
    warnings.add(line);
  }

  /** A source or document that was not imported, with why. */
  public void rejected(String line) {
    rejected.add(line);
  }

  /** Records whether the week file changes (or would, on a dry run). */
  public void changed(boolean changed) {
    this.changed = changed;
  }

  /** Whether the week file changes (or would). */
  public boolean changed() {
    return changed;
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  public List<String> rejected() {
    return List.copyOf(rejected);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public int added() {
    return added;
  }

  public int updated() {
    return updated;
  }

  public int unchanged() {
    return unchanged;
  }

  /** One line: how many advisories were added, updated and left as they were. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d added, %d updated, %d unchanged%s%s",
        added,
        updated,
        unchanged,
        rejected.isEmpty() ? "" : ", " + rejected.size() + " not imported",
        warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)");
  }
}
