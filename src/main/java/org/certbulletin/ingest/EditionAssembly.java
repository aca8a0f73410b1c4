package org.certbulletin.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts together an edition of the bulletin: a week in one language, the earlier weeks its changes
 * and trend charts need, and the configuration in that language.
 */
final class EditionAssembly {

  private static final Logger log = LoggerFactory.getLogger(EditionAssembly.class);

  private final DataFolder folder;
  private final CheckedDocuments documents;

  EditionAssembly(DataFolder folder, CheckedDocuments documents) {
    this.folder = folder;
    this.documents = documents;
  }

  /**
   * The bulletin of week {@code id} in {@code language}, one of the bulletin's languages. An
   * earlier week whose file is invalid is left out (its changes show as unknown) and a warning
   * names it, so one broken week does not stop the weeks after it; once it is fixed, they are
   * rendered again. An earlier week that only lacks a translation still counts: its figures are all
   * a later week uses.
   */
  Bulletin bulletin(WeekId id, Locale language) {
    Week week = documents.week(id, language);
    List<Week> history = new ArrayList<>();
    for (WeekId earlier : history(id, folder.weeks())) {
      try {
        history.add(documents.load(earlier).week(language));
      } catch (InvalidDataException e) {
        log.warn(
            "{} is built without {}, which is invalid ({} problem(s); run {} validate {})",
            id,
            earlier,
            e.problems().size(),
            ProgramName.COMMAND,
            earlier);
      }
    }
    Optional<Week> previous =
        history.stream().filter(w -> w.id().equals(id.previous())).findFirst();
    Bulletin bulletin = new Bulletin(week, previous, history, documents.config(language));
    Optional<PinnedVersion> version = folder.version(id);
    if (version.isEmpty()) {
      return bulletin;
    }
    Optional<byte[]> earlier = version.get().earlier();
    if (earlier.isEmpty()) {
      return bulletin.withRevision(version.get().revision());
    }
    Week before =
        documents
            .loadContent(id, earlier.get(), folder.weekFile(id) + " (the version corrected)")
            .week(language);
    return bulletin.correcting(before, version.get().revision());
  }

  /**
   * The earlier weeks a bulletin for {@code id} is made with: up to seven of those in {@code all},
   * the latest ones before it.
   */
  static List<WeekId> history(WeekId id, List<WeekId> all) {
    List<WeekId> earlier = all.stream().filter(w -> w.compareTo(id) < 0).sorted().toList();
    return earlier.subList(
        Math.max(0, earlier.size() - (Bulletin.TREND_WEEKS - 1)), earlier.size());
  }
}
