package org.certbulletin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tally a bulletin can carry: its key in the week file's {@code tallies}, the parts it may be
 * broken down into, its named subsets, and where the bulletin shows it. A built-in tally has no
 * label of its own (the message bundle's {@code metric.<key>} names it); one declared in {@code
 * config.json} carries its label and unit in the edition's language.
 *
 * @param builtIn whether it is one of the tallies every bulletin knows (its words come from the
 *     message bundle unless {@code config.json} renames it or its parts)
 * @param keyFigure whether it is shown in the key-figures grid (and the summary)
 * @param trend whether its declaration asks for it in the trend chart
 */
public record TallyDefinition(
    String key,
    boolean builtIn,
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

  /** A built-in tally of the key-figures grid, named by the message bundle. */
  static TallyDefinition builtIn(String key, List<String> breakdown, List<String> ofWhich) {
    return builtIn(key, breakdown, ofWhich, true);
  }

  /** A built-in tally, named by the message bundle. */
  static TallyDefinition builtIn(
      String key, List<String> breakdown, List<String> ofWhich, boolean keyFigure) {
    return new TallyDefinition(
        key,
        true,
        Optional.empty(),
        Optional.empty(),
        breakdown.stream().map(p -> new Part(p, Optional.empty())).toList(),
        ofWhich.stream().map(p -> new Part(p, Optional.empty())).toList(),
        keyFigure,
        false);
  }

  /**
   * This built-in tally as {@code config.json} renames or extends it: its label if the declaration
   * gives one, its parts relabelled where the declaration names them, then the declaration's new
   * parts, in its order.
   */
  TallyDefinition extendedBy(TallyDeclaration declaration) {
    return new TallyDefinition(
        key,
        builtIn,
        declaration.label().or(() -> label),
        declaration.unit().or(() -> unit),
        extend(breakdown, declaration.breakdown()),
        extend(ofWhich, declaration.ofWhich()),
        keyFigure,
        trend || declaration.trend());
  }

  private static List<Part> extend(List<Part> parts, Map<String, String> declared) {
    List<Part> all = new ArrayList<>();
    for (Part part : parts) {
      all.add(new Part(part.key(), Optional.ofNullable(declared.get(part.key())).or(part::label)));
    }
    declared.forEach(
        (key, label) -> {
          if (parts.stream().noneMatch(p -> p.key().equals(key))) {
            all.add(new Part(key, Optional.of(label)));
          }
        });
    return all;
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
