package org.certbulletin.service;

import java.util.List;
import java.util.Optional;

/**
 * What {@code status} prints, and the alarm when the due week is late.
 *
 * @param alarm why monitoring should be raised, if it should
 */
public record StatusReport(List<String> lines, Optional<String> alarm) {

  public StatusReport {
    lines = List.copyOf(lines);
  }
}
