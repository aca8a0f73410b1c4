package org.certbulletin.model;

import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a subscriber chose to get in full: sectors (of the incident highlights) and watched products
 * (an advisory's vendor, or vendor and product). Empty means everything. Terms are kept trimmed, in
 * Unicode NFKC, in lower case ({@link Locale#ROOT}) and sorted, so two subscribers who chose the
 * same share one edition.
 *
 * @param sectors the sectors, as the bulletin's main language names them
 * @param products vendors ({@code siemens}) or vendor and product ({@code siemens simatic s7-1500})
 */
public record Preferences(List<String> sectors, List<String> products) {

  /** The longest term accepted. */
  public static final int MAX_TERM = 100;

  /** The most terms of each kind accepted. */
  public static final int MAX_TERMS = 50;

  /** Everything: no choice made. */
  public static final Preferences EVERYTHING = new Preferences(List.of(), List.of());

  public Preferences {
    sectors = terms(Objects.requireNonNull(sectors, "sectors == null"), "sectors");
    products = terms(Objects.requireNonNull(products, "products == null"), "products");
  }

  /** Whether nothing was chosen: the whole edition. */
  public boolean everything() {
    return sectors.isEmpty() && products.isEmpty();
  }

  /** A stable text naming the choice: equal for equal choices. */
  public String key() {
    return String.join("\u001f", sectors) + "\u001e" + String.join("\u001f", products);
  }

  /** {@code term} as it is kept: trimmed, NFKC, lower case, inner spaces collapsed. */
  public static String term(String term) {
    return Normalizer.normalize(term, Normalizer.Form.NFKC)
        .strip()
        .replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
  }

  private static List<String> terms(Collection<String> given, String what) {
    TreeSet<String> kept = new TreeSet<>();
    for (String each : given) {
      String term = term(Objects.requireNonNull(each, what + " holds null"));
      if (term.isEmpty()) {
        continue;
      }
      if (term.length() > MAX_TERM || term.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            what
                + ": '"
                + Printable.of(term, 40)
                + "' is not a term (at most "
                + MAX_TERM
                + " characters, no control characters)");
      }
      kept.add(term);
    }
    if (kept.size() > MAX_TERMS) {
      throw new IllegalArgumentException(
          what + ": " + kept.size() + " terms; at most " + MAX_TERMS + " may be chosen");
    }
    return List.copyOf(kept);
  }
}
