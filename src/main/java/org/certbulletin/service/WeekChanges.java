package org.certbulletin.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbulletin.model.Amendment;
import org.certbulletin.model.WeekId;

/**
 * What a week's file changes from its last published version, as a reviewer reads it before signing
 * off: figures, advisories and highlights added and removed, text changed.
 *
 * @param against the published version compared with; empty when none is published yet (every
 *     figure is then new)
 * @param changes in the bulletin's order; empty when the file is the published version
 */
public record WeekChanges(WeekId week, Optional<Integer> against, List<Amendment> changes) {

  public WeekChanges {
    Objects.requireNonNull(week, "week == null");
    Objects.requireNonNull(against, "against == null");
    changes = List.copyOf(changes);
  }
}
