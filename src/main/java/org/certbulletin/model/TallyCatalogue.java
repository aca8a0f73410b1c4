package org.certbulletin.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tallies a bulletin can carry, in the order it shows them: those built in (CNCERT's weekly
 * figures: the eight of the key-figures grid, and the vulnerabilities by affected object of the
 * vulnerability section), then the CERT's own, as {@code config.json} declares them. A declaration
 * under a built-in key renames that tally or its parts, or adds parts to its breakdown.
 */
public final class TallyCatalogue {

  public static final String INCIDENTS = "incidents";
  public static final String CROSS_BORDER_INCIDENTS = "cross_border_incidents";
  public static final String DATA_BREACHES = "data_breaches";
  public static final String INFECTED_HOSTS = "infected_hosts";
  public static final String DEFACED_SITES = "defaced_sites";
  public static final String BACKDOOR_SITES = "backdoor_sites";
  public static final String PHISHING_PAGES = "phishing_pages";
  public static final String VULNERABILITIES = "vulnerabilities";
  public static final String VULNERABILITIES_BY_OBJECT = "vulnerabilities_by_object";

  private static final List<TallyDefinition> BUILT_IN =
      List.of(
          TallyDefinition.builtIn(
              INCIDENTS,
              List.of(
                  "phishing",
                  "vulnerability",
                  "malware",
                  "defacement",
                  "backdoor",
                  "ddos",
                  "other"),
              List.of()),
          TallyDefinition.builtIn(CROSS_BORDER_INCIDENTS, List.of(), List.of()),
          TallyDefinition.builtIn(DATA_BREACHES, List.of(), List.of()),
          TallyDefinition.builtIn(INFECTED_HOSTS, List.of(), List.of()),
          TallyDefinition.builtIn(DEFACED_SITES, List.of(), List.of("government")),
          TallyDefinition.builtIn(BACKDOOR_SITES, List.of(), List.of("government")),
          TallyDefinition.builtIn(PHISHING_PAGES, List.of(), List.of()),
          TallyDefinition.builtIn(
              VULNERABILITIES,
              List.of("critical", "high", "medium", "low"),
              List.of("remote", "zero_day")),
          TallyDefinition.builtIn(
              VULNERABILITIES_BY_OBJECT,
              List.of(
                  "application",
                  "web_application",
                  "operating_system",
                  "network_device",
                  "security_product",
                  "smart_device",
                  "database"),
              List.of(),
              false));

  private static final TallyCatalogue BUILT_IN_ONLY = new TallyCatalogue(BUILT_IN);

  private final List<TallyDefinition> definitions;

  private TallyCatalogue(List<TallyDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  /** The built-in tallies only. */
  public static TallyCatalogue builtIn() {
    return BUILT_IN_ONLY;
  }

  /**
   * The built-in tallies, renamed or extended where {@code declared} names them, followed by the
   * others of {@code declared}, in its order.
   *
   * @throws IllegalArgumentException if a declared tally of the CERT's own has no label
   */
  public static TallyCatalogue of(Map<String, TallyDeclaration> declared) {
    List<TallyDefinition> all = new ArrayList<>();
    for (TallyDefinition builtIn : BUILT_IN) {
      TallyDeclaration declaration = declared.get(builtIn.key());
      all.add(declaration == null ? builtIn : builtIn.extendedBy(declaration));
    }
    declared.forEach(
        (key, declaration) -> {
          if (!isBuiltIn(key)) {
            all.add(declaration.definition(key));
          }
        });
    return new TallyCatalogue(all);
  }

  /** Whether {@code key} names one of the built-in tallies. */
  public static boolean isBuiltIn(String key) {
    return BUILT_IN.stream().anyMatch(d -> d.key().equals(key));
  }

  /** The position of a built-in key in the built-in order; the built-ins' count for any other. */
  static int builtInRank(String key) {
    for (int i = 0; i < BUILT_IN.size(); i++) {
      if (BUILT_IN.get(i).key().equals(key)) {
        return i;
      }
    }
    return BUILT_IN.size();
  }

  /** Every tally, in the order the bulletin shows them. */
  public List<TallyDefinition> all() {
    return definitions;
  }

  /** The keys of every tally, in order. */
  public List<String> keys() {
    return definitions.stream().map(TallyDefinition::key).toList();
  }

  /** The tally called {@code key}. */
  public Optional<TallyDefinition> find(String key) {
    return definitions.stream().filter(d -> d.key().equals(key)).findFirst();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TallyCatalogue that && definitions.equals(that.definitions);
  }

  @Override
  public int hashCode() {
    return definitions.hashCode();
  }

  @Override
  public String toString() {
    return "TallyCatalogue" + keys();
  }
}
