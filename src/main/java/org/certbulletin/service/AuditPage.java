package org.certbulletin.service;

import java.util.List;
import org.certbulletin.model.AuditEntry;

/**
 * Audit entries, newest first, and whether older ones match too: a list is never cut without saying
 * so.
 *
 * @param more whether entries older than the last one match the query as well
 */
public record AuditPage(List<AuditEntry> entries, boolean more) {

  public AuditPage {
    entries = List.copyOf(entries);
  }
}
