package org.certbulletin.service;

import java.nio.file.Path;
import java.util.List;
import org.certbulletin.ingest.TallyImport;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.WeekId;

/** A spreadsheet's figures put into a week file and checked, ready to be written or shown. */
public final class TallyPlan {

  /** Where a plan writes the audit entry of its write. */
  @FunctionalInterface
  interface Audit {
    void record(String operation, String target, AuditEntry.Outcome outcome, String detail);
  }

  private final WeekId week;
  private final TallyImport plan;
  private final Audit audit;

  TallyPlan(WeekId week, TallyImport plan, Audit audit) {
    this.week = week;
    this.plan = plan;
    this.audit = audit;
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

  /** Writes the week file, unless it changed on disk meanwhile; audited. */
  public void write() throws InterruptedException {
    boolean written;
    try {
      written = Failures.translate(plan::write);
    } catch (ServiceFailure.Failed e) {
      audit.record("importTallies", week.toString(), AuditEntry.Outcome.FAILED, e.getMessage());
      throw e;
    } catch (ServiceFailure e) {
      audit.record("importTallies", week.toString(), AuditEntry.Outcome.REFUSED, e.getMessage());
      throw e;
    }
    audit.record(
        "importTallies",
        week.toString(),
        AuditEntry.Outcome.OK,
        written
            ? plan.changes().size() + " figure(s) written: " + String.join("; ", changes())
            : "nothing to write: the file has these figures");
  }
}
