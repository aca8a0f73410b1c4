package org.certbulletin.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a week's review, for the record: who did it and when.
 *
 * @param by the actor as the audit log names it ({@code alice}, {@code cli:root})
 */
public record ReviewAct(String by, Instant at) {

  public ReviewAct {
    Objects.requireNonNull(by, "by == null");
    Objects.requireNonNull(at, "at == null");
  }
}
