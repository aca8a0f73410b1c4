package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Advisory;
import org.certbulletin.model.Highlight;
import org.certbulletin.model.Preferences;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.store.Database;
import org.certbulletin.store.Subscribers;

/**
 * Subscribers of the public list in the state database, each with one of a few choices of the
 * week's vendors and sectors, every choice leaving something of the week out.
 */
final class ChoosingSubscribers {

  private ChoosingSubscribers() {}

  /** Adds {@code count} active subscribers to the public list, spread over {@code choices}. */
  static void add(BulletinService bulletins, WeekId id, int count, int choices) {
    Week week = bulletins.data().bulletin(id, bulletins.data().config().mainLanguage()).week();
    List<Preferences> made = choices(week, choices);
    Instant now = Instant.now();
    try (Database database =
        Database.open(bulletins.data().config().state(), bulletins.layout())) {
      Subscribers subscribers = new Subscribers(database.dataSource());
      for (int i = 0; i < count; i++) {
        subscribers.add(
            new Subscriber(
                0,
                "public",
                String.format(Locale.ROOT, "subscriber%05d@example.org", i),
                Subscriber.Status.ACTIVE,
                Subscriber.Origin.SIGNUP,
                Optional.empty(),
                Optional.empty(),
                made.get(i % made.size()),
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                now,
                Optional.of(now),
                now));
      }
    }
  }

  /**
   * {@code count} different choices: each a different subset of the week's vendors and sectors
   * (one vendor always left out, so no choice takes the whole week).
   */
  private static List<Preferences> choices(Week week, int count) {
    Set<String> vendors = new LinkedHashSet<>();
    for (Advisory advisory : week.advisories()) {
      vendors.add(advisory.vendor());
    }
    Set<String> sectors = new LinkedHashSet<>();
    for (Highlight highlight : week.highlights()) {
      highlight.sector().ifPresent(sectors::add);
    }
    List<String> terms = new ArrayList<>();
    List<String> vendorList = new ArrayList<>(vendors);
    // the last vendor is never chosen
    terms.addAll(vendorList.subList(0, Math.max(0, vendorList.size() - 1)));
    int vendorTerms = terms.size();
    terms.addAll(sectors);
    if (terms.size() < 5) {
      throw new IllegalStateException(
          "the week has too few vendors and sectors for " + count + " choices: " + terms.size());
    }
    List<Preferences> made = new ArrayList<>();
    for (int mask = 1; made.size() < count; mask++) {
      List<String> products = new ArrayList<>();
      List<String> chosenSectors = new ArrayList<>();
      for (int bit = 0; bit < terms.size(); bit++) {
        if ((mask & (1 << bit)) != 0) {
          (bit < vendorTerms ? products : chosenSectors).add(terms.get(bit));
        }
      }
      made.add(new Preferences(chosenSectors, products));
    }
    return made;
  }

  /** How many editions of readers' own choice the send rendered (their state files). */
  static int rendered(OutputLayout layout, WeekId id) throws IOException {
    Path folder = layout.editionCache(id, "x").getParent();
    try (Stream<Path> files = Files.list(folder)) {
      return (int) files.filter(f -> f.getFileName().toString().contains(".choice-")).count();
    } catch (NoSuchFileException e) {
      return 0;
    }
  }
}
