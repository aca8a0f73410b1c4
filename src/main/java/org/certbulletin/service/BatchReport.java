package org.certbulletin.service;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.certbulletin.model.WeekId;

/** What building many weeks did: the weeks built, and the weeks that failed with the reason. */
public record BatchReport(List<BuildResult> built, Map<WeekId, FailedWeek> failed) {

  public BatchReport {
    built = List.copyOf(built);
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
  }
}
