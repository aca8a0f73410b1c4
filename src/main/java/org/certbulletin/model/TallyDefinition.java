package org.certbulletin.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tally a bulletin can carry: its key in the week file's {@code tallies}, the parts it may be
 * broken down into, its named subsets, and where the bulletin shows it. A built-in tally has no
 * label of its own (the message bundle's {@code metric.<key>} names it); one declared in {@code
 * config.json} carries its label and unit in the edition's language.
 *
 * @param keyFigure whether it is shown in the key-figures grid (and the summary)
 * @param trend whether its declaration asks for it in the trend chart
 */
public record TallyDefinition(
    String key,
    Optional<String> label,
    Optional<String> unit,
    List<Part> breakdown,
    List<Part> ofWhich,
    boolean keyFigure,
    boolean trend) {

  /** The form of a tally or part key: lower-case letters, digits and {@code _}. */
  public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /** A part of a breakdown or a named subset; built-in parts are named by the bundle's part.* */
  public record Part(String key, Optional<String> label) {
    public Part {
      checkKey(key);
      Objects.requireNonNull(label, "label == null");
    }
  }

  public TallyDefinition {
    checkKey(key);
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(unit, "unit == null");
    breakdown = List.copyOf(breakdown);
    ofWhich = List.copyOf(ofWhich);
  }

  /** A built-in tally, named by the message bundle. */
  static TallyDefinition builtIn(String key, List<String> breakdown, List<String> ofWhich) {
    return new TallyDefinition(
        key,
        Optional.empty(),
        Optional.empty(),
        breakdown.stream().map(p -> new Part(p, Optional.empty())).toList(),
        ofWhich.stream().map(p -> new Part(p, Optional.empty())).toList(),
        true,
        false);
  }

  /** Whether this is one of the eight tallies every bulletin knows. */
  public boolean builtIn() {
    return label.isEmpty();
  }

  /** The breakdown part called {@code key}. */
  public Optional<Part> breakdownPart(String key) {
    return breakdown.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /** The subset called {@code key}. */
  public Optional<Part> subset(String key) {
    return ofWhich.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key == null");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a tally key: " + Printable.of(key, 40));
    }
  }
}
