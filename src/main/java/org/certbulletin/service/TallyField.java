package org.certbulletin.service;

import java.util.List;
import java.util.Objects;

/**
 * One tally of the catalogue as an editor's form shows it: its key, its words in the form's
 * language, and the parts of its breakdown (which must add up to its value) and its named subsets
 * (each at most the value).
 *
 * @param key the tally's key in the week file ({@code incidents})
 * @param label what the form calls it ({@code Incidents handled})
 */
public record TallyField(String key, String label, List<Part> breakdown, List<Part> ofWhich) {

  /** A part of a breakdown, or a named subset. */
  public record Part(String key, String label) {
    public Part {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(label, "label == null");
    }
  }

  public TallyField {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(label, "label == null");
    breakdown = List.copyOf(breakdown);
    ofWhich = List.copyOf(ofWhich);
  }
}
