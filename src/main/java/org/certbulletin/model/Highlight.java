package org.certbulletin.model;

import java.util.Objects;
import java.util.Optional;

/** An incident narrative worth telling readers about. */
public record Highlight(
    String title, String narrative, Optional<String> sector, Optional<String> vector, Tlp tlp) {

  public Highlight {
    Objects.requireNonNull(title, "title == null");
    Objects.requireNonNull(narrative, "narrative == null");
    Objects.requireNonNull(sector, "sector == null");
    Objects.requireNonNull(vector, "vector == null");
    Objects.requireNonNull(tlp, "tlp == null");
  }
}
