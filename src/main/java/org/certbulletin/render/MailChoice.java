package org.certbulletin.render;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one reader's email edition carries in full: every advisory and highlight (the whole
 * edition), or those a subscriber chose. The others are moved down to a short list, by title, under
 * a line that names the choice; the figures, the summary and the TLP rules stay as they are.
 *
 * @param whole whether nothing was chosen: the whole edition, the other fields empty
 * @param advisories the ids of the advisories shown in full
 * @param highlights the positions (from 0) in the week's highlights of those shown in full
 * @param names the choice as the line names it ({@code Siemens, energy})
 */
public record MailChoice(
    boolean whole, Set<String> advisories, Set<Integer> highlights, List<String> names) {

  /** The whole edition. */
  public static final MailChoice WHOLE = new MailChoice(true, Set.of(), Set.of(), List.of());

  public MailChoice {
    advisories = Set.copyOf(Objects.requireNonNull(advisories, "advisories == null"));
    highlights = Set.copyOf(Objects.requireNonNull(highlights, "highlights == null"));
    names = List.copyOf(Objects.requireNonNull(names, "names == null"));
    if (whole && !(advisories.isEmpty() && highlights.isEmpty() && names.isEmpty())) {
      throw new IllegalArgumentException("the whole edition chooses nothing");
    }
  }

  /** A subscriber's choice: these advisories and highlights in full, the others moved down. */
  public static MailChoice of(Set<String> advisories, Set<Integer> highlights, List<String> names) {
    return new MailChoice(false, advisories, highlights, names);
  }

  /** Whether advisory {@code id} is shown in full. */
  boolean full(String id) {
    return whole || advisories.contains(id);
  }

  /** Whether the highlight at {@code position} is shown in full. */
  boolean fullHighlight(int position) {
    return whole || highlights.contains(position);
  }
}
