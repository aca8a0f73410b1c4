package org.certbulletin.render;

import org.certbulletin.model.TallyDefinition;

/**
 * The words for a tally and its parts: a declared tally's own (already in the edition's language),
 * a built-in one's from the message bundle.
 */
final class TallyLabels {

  private final Messages messages;

  TallyLabels(Messages messages) {
    this.messages = messages;
  }

  /** The tally's label, e.g. "Incidents handled". */
  String label(TallyDefinition tally) {
    return tally.label().orElseGet(() -> messages.get("metric." + tally.key()));
  }

  /** The label of part or subset {@code key} of {@code tally}; a part no one named, its key. */
  String part(TallyDefinition tally, String key) {
    return tally
        .breakdownPart(key)
        .or(() -> tally.subset(key))
        .flatMap(TallyDefinition.Part::label)
        .orElseGet(() -> messages.getOr("part." + key, key));
  }
}
