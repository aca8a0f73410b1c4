package org.certbulletin.model;

import java.util.Objects;
import java.util.Optional;

/** The analysts' overall rating of the week, with an optional paragraph of their own. */
public record Situation(Rating rating, Optional<String> text) {

  public Situation {
    Objects.requireNonNull(rating, "rating == null");
    Objects.requireNonNull(text, "text == null");
  }
}
