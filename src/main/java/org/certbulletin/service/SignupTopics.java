package org.certbulletin.service;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Config;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sign-up and manage pages offer a reader to choose from: the sectors of the recent weeks'
 * incident highlights and the vendors and products of their advisories, taken only from what is
 * marked TLP:CLEAR (the pages are public). A sector is chosen by its name in the bulletin's main
 * language (what {@link Preferences} keeps) and shown in the page's language where the week has it.
 */
public final class SignupTopics {

  /** How many of the newest weeks are read. */
  static final int WEEKS = 12;

  private static final Logger log = LoggerFactory.getLogger(SignupTopics.class);

  /** A sector: the term kept and its name on the page. */
  public record Sector(String term, String label) {}

  /**
   * Everything offered, sorted; a product's term is its vendor and product, its label leaves out a
   * vendor the product's name repeats ({@code Adobe Illustrator}, not {@code Adobe Adobe ...}).
   */
  public record Offer(List<Sector> sectors, List<String> vendors, List<Sector> products) {}

  private final Workspace workspace;

  SignupTopics(Workspace workspace) {
    this.workspace = workspace;
  }

  /** The languages the bulletin is written in, the main one first. */
  public List<Locale> languages() {
    return new DataDirectory(workspace.data()).config().languages();
  }

  /** The choices offered on a page in {@code language}. */
  public Offer offer(Locale language) {
    DataDirectory data = new DataDirectory(workspace.data());
    Config config = data.config();
    Locale main = config.mainLanguage();
    boolean translated = config.languages().contains(language) && !language.equals(main);
    Map<String, String> sectors = new LinkedHashMap<>();
    TreeSet<String> vendors = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> products = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<WeekId> weeks = new ArrayList<>(data.weeks());
    for (WeekId id : weeks.subList(Math.max(0, weeks.size() - WEEKS), weeks.size())) {
      Optional<Week> week = read(data, id, main);
      if (week.isEmpty() || week.get().tlp() != Tlp.CLEAR) {
        continue;
      }
      Optional<Week> shown = translated ? read(data, id, language) : week;
      List<Highlight> highlights = week.get().highlights();
      for (int i = 0; i < highlights.size(); i++) {
        Highlight h = highlights.get(i);
        if (h.tlp() != Tlp.CLEAR || h.sector().isEmpty()) {
          continue;
        }
        int at = i;
        String term = Preferences.term(h.sector().get());
        String label =
            shown
                .filter(w -> w.highlights().size() == highlights.size())
                .flatMap(w -> w.highlights().get(at).sector())
                .orElse(h.sector().get());
        if (!term.isEmpty() && term.length() <= Preferences.MAX_TERM) {
          sectors.putIfAbsent(term, label);
        }
      }
      for (Advisory a : week.get().advisories()) {
        if (a.tlp() == Tlp.CLEAR) {
          vendors.add(a.vendor().strip());
          String vendor = a.vendor().strip();
          String product = a.product().strip();
          String term = (vendor + " " + product).strip();
          boolean repeats =
              product.regionMatches(true, 0, vendor, 0, vendor.length())
                  && !product.equalsIgnoreCase(vendor);
          products.putIfAbsent(term, repeats ? product : term);
        }
      }
    }
    List<Sector> offered = new ArrayList<>();
    sectors.forEach((term, label) -> offered.add(new Sector(term, label)));
    offered.sort((a, b) -> a.label().compareToIgnoreCase(b.label()));
    return new Offer(
        List.copyOf(offered),
        vendors.stream().filter(SignupTopics::fits).toList(),
        products.entrySet().stream()
            .filter(e -> fits(e.getKey()))
            .map(e -> new Sector(e.getKey(), e.getValue()))
            .toList());
  }

  private static boolean fits(String term) {
    return !term.isBlank() && term.length() <= Preferences.MAX_TERM;
  }

  private static Optional<Week> read(DataDirectory data, WeekId id, Locale language) {
    try {
      return Optional.of(data.week(id, language));
    } catch (InvalidDataException | UncheckedIOException e) {
      log.debug("{} is left out of the sign-up choices: {}", id, e.getMessage());
      return Optional.empty();
    }
  }
}
