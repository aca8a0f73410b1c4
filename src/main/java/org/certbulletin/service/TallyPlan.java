package org.certbulletin.service;

import java.nio.file.Path;
import java.util.List;
import org.certbulletin.ingest.TallyImport;

/** A spreadsheet's figures put into a week file and checked, ready to be written or shown. */
public final class TallyPlan {

  private final TallyImport plan;

  TallyPlan(TallyImport plan) {
    this.plan = plan;
  }

  /** Each figure that changes, as {@code /tallies/incidents: 140 -> 146}. */
  public List<String> changes() {
    return plan.changes().stream().map(TallyImport.Change::toString).toList();
  }

  /** Whether writing also lays the file out anew (its indents differ from the samples'). */
  public boolean changesLayout() {
    return plan.changesLayout();
  }

  public Path file() {
    return plan.file();
  }

  /** Writes the week file, unless it changed on disk meanwhile. */
  public void write() throws InterruptedException {
    Failures.translate(plan::write);
  }
}
