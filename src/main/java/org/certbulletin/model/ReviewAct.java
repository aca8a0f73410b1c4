package org.certbulletin.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a week's review, for the record: who did it and when.
 *
 * @param by the person (a token acts for its user, so four eyes count people, not tokens) or the
 *     product ({@code cli:root}, {@code scheduler:node-1})
 */
public record ReviewAct(String by, Instant at) {

  public ReviewAct {
    Objects.requireNonNull(by, "by == null");
    Objects.requireNonNull(at, "at == null");
  }
}
