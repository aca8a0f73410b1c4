package org.certbulletin.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Week;
import org.certbulletin.render.MailChoice;

/**
 * Which advisories and highlights of an edition a subscriber's {@link Preferences} take in full. A
 * product term matches an advisory's vendor ({@code siemens}), its vendor and product ({@code
 * siemens simatic s7-1500}), or the same as a CPE names them ({@code rockwell_automation}, {@code
 * cpe:2.3:a:siemens:simatic_s7-1500:*}); a sector term matches a highlight's sector as the
 * bulletin's main language names it, so readers of every edition who chose alike get alike. Terms
 * compare as {@link Preferences#term} keeps them, with underscores and colons taken for spaces.
 */
public final class PreferenceMatch {

  private PreferenceMatch() {}

  /**
   * The choice {@code preferences} make in an edition: {@code main} is the week in the bulletin's
   * main language, {@code edition} the same week in the reader's language, both cut to the list's
   * clearance (the same advisories and highlights, in the same order).
   */
  public static MailChoice choice(Preferences preferences, Week main, Week edition) {
    if (preferences.everything()) {
      return MailChoice.WHOLE;
    }
    Set<String> products = new HashSet<>();
    for (String term : preferences.products()) {
      products.add(productKey(term));
    }
    Set<String> sectors = new HashSet<>();
    for (String term : preferences.sectors()) {
      sectors.add(canonical(term));
    }
    // the line names the choice as this edition writes it where the week does, else as chosen
    Map<String, String> names = new LinkedHashMap<>();
    preferences.sectors().forEach(t -> names.put("s" + canonical(t), t));
    preferences.products().forEach(t -> names.put("p" + productKey(t), t));
    Set<String> advisories = new HashSet<>();
    for (int i = 0; i < main.advisories().size(); i++) {
      Advisory advisory = main.advisories().get(i);
      Advisory shown = i < edition.advisories().size() ? edition.advisories().get(i) : advisory;
      String vendor = canonical(advisory.vendor());
      String product = canonical(advisory.product());
      // "IBM Cognos Controller" already names its vendor: it is the vendor and product too
      String vendorProduct =
          product.startsWith(vendor + " ") ? product : canonical(vendor + " " + product);
      if (products.isEmpty()) {
        // no vendor or product ticked: every advisory, as the sign-up page promises
        advisories.add(advisory.id());
        continue;
      }
      if (products.contains(vendor)) {
        advisories.add(advisory.id());
        names.replace("p" + vendor, shown.vendor());
      }
      if (products.contains(vendorProduct)) {
        advisories.add(advisory.id());
        names.replace(
            "p" + vendorProduct,
            vendorProduct.equals(product)
                ? shown.product()
                : shown.vendor() + " " + shown.product());
      }
    }
    Set<Integer> highlights = new HashSet<>();
    for (int i = 0; i < main.highlights().size(); i++) {
      Optional<String> sector = main.highlights().get(i).sector().map(PreferenceMatch::canonical);
      if (sectors.isEmpty()) {
        // no sector ticked: every incident, as the sign-up page promises
        highlights.add(i);
        continue;
      }
      if (sector.isPresent() && sectors.contains(sector.get())) {
        highlights.add(i);
        Highlight shown = i < edition.highlights().size() ? edition.highlights().get(i) : null;
        if (shown != null && shown.sector().isPresent()) {
          names.replace("s" + sector.get(), shown.sector().get());
        }
      }
    }
    return MailChoice.of(advisories, highlights, new ArrayList<>(names.values()));
  }

  /**
   * Whether {@code choice} leaves nothing of {@code edition} outside it: then the reader's edition
   * is the whole one, and shares its render.
   */
  public static boolean takesAll(MailChoice choice, Week edition) {
    return choice.whole()
        || (edition.advisories().stream().allMatch(a -> choice.advisories().contains(a.id()))
            && choice.highlights().size() == edition.highlights().size());
  }

  /** A product term as a vendor, or vendor and product, key; a CPE name read as one. */
  static String productKey(String term) {
    String kept = Preferences.term(term);
    List<String> cpe = cpeParts(kept);
    if (!cpe.isEmpty()) {
      String vendor = cpe.get(0);
      String product = cpe.size() > 1 ? cpe.get(1) : "*";
      return canonical(
          product.equals("*") || product.equals("-") ? vendor : vendor + " " + product);
    }
    return canonical(kept);
  }

  /** The vendor and product fields of a CPE name (2.3 formatted string or URI), else empty. */
  private static List<String> cpeParts(String term) {
    String[] fields;
    if (term.startsWith("cpe:2.3:")) {
      fields = term.substring("cpe:2.3:".length()).split(":", -1);
    } else if (term.startsWith("cpe:/")) {
      fields = term.substring("cpe:/".length()).split(":", -1);
    } else {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (int i = 1; i < Math.min(fields.length, 3); i++) {
      parts.add(fields[i].replace("\\", ""));
    }
    return parts.isEmpty() || parts.get(0).isEmpty() ? List.of() : parts;
  }

  /** A term or a name of the week as compared: kept as a term, with _ and : read as spaces. */
  static String canonical(String text) {
    return Preferences.term(text.replace('_', ' ').replace(':', ' '));
  }
}
