package org.certbulletin.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.ingest.TallySheet.Figures;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Problem;
import org.certbulletin.model.WeekId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The week file of one week with the tallies of a {@link TallySheet} put in: each tally the sheet
 * gives replaces the week's (value, breakdown and subsets together), the others stay as they are,
 * and nothing else in the file changes, its layout included. The result is checked like any week
 * before it may be written.
 */
public final class TallyImport {

  /** One figure that changes: its JSON pointer, and its value before and after (empty: none). */
  public record Change(String pointer, String before, String after) {
    public Change {
      Objects.requireNonNull(pointer, "pointer == null");
      Objects.requireNonNull(before, "before == null");
      Objects.requireNonNull(after, "after == null");
    }

    @Override
    public String toString() {
      return pointer
          + ": "
          + (before.isEmpty() ? "(none)" : before)
          + " -> "
          + (after.isEmpty() ? "(removed)" : after);
    }
  }

  private final DataDirectory data;
  private final WeekId week;
  private final Path file;
  private final byte[] updated;
  private final List<Change> changes;
  private final boolean relaid;

  private TallyImport(
      DataDirectory data,
      WeekId week,
      Path file,
      byte[] updated,
      List<Change> changes,
      boolean relaid) {
    this.data = data;
    this.week = week;
    this.file = file;
    this.updated = updated;
    this.changes = List.copyOf(changes);
    this.relaid = relaid;
  }

  /**
   * The week file of {@code week} in {@code data} with the tallies of {@code sheet}.
   *
   * @throws InvalidDataException if the week file cannot be read, or the week with these figures
   *     would break a rule: a problem about a tally the sheet gives is named at its place in the
   *     sheet
   */
  public static TallyImport plan(DataDirectory data, WeekId week, TallySheet sheet) {
    SourceDocument current = data.readWeekFile(week);
    if (!(current.root() instanceof ObjectNode root) || !root.path("tallies").isObject()) {
      throw InvalidDataException.of(
          current.problem("/tallies", "the week file has no tallies object to import into"));
    }
    ObjectNode tree = root.deepCopy();
    ObjectNode tallies = (ObjectNode) tree.get("tallies");
    List<Problem> problems = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (Figures figures : sheet.tallies().values()) {
      if (figures.value().isEmpty()) {
        problems.add(
            new Problem(
                sheet.name(),
                figures.location(),
                "/tallies/" + figures.key() + "/value",
                "gives parts of "
                    + figures.key()
                    + " but not its value; add a row or column for "
                    + figures.key()
                    + " itself"));
        continue;
      }
      ObjectNode tally = tallies.objectNode();
      tally.put("value", figures.value().get());
      if (!figures.breakdown().isEmpty()) {
        ObjectNode breakdown = tally.putObject("breakdown");
        figures.breakdown().forEach(breakdown::put);
      }
      if (!figures.ofWhich().isEmpty()) {
        ObjectNode ofWhich = tally.putObject("of_which");
        figures.ofWhich().forEach(ofWhich::put);
      }
      changes.addAll(changes("/tallies/" + figures.key(), tallies.get(figures.key()), tally));
      if (!tally.equals(tallies.get(figures.key()))) {
        tallies.set(figures.key(), tally);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException(problems);
    }
    byte[] updated = changes.isEmpty() ? null : DataFileLayout.write(tree);
    if (updated != null) {
      List<Problem> broken =
          data.check(week, updated, current.name() + " (with " + sheet.name() + ")").stream()
              .map(p -> inSheet(p, sheet))
              .toList();
      if (!broken.isEmpty()) {
        throw new InvalidDataException(broken);
      }
    }
    boolean relaid =
        !Arrays.equals(
            DataFileLayout.write(root),
            data.rawBytes(data.weekFile(week)).orElseGet(() -> new byte[0]));
    return new TallyImport(data, week, data.weekFile(week), updated, changes, relaid);
  }

  /** The figures that change, in the sheet's order; none if the week already has them. */
  public List<Change> changes() {
    return changes;
  }

  /**
   * Whether writing changes the file's layout too: it was not laid out as the sample files are
   * (other indents, items on one line), so a diff will show more lines than the figures'.
   */
  public boolean changesLayout() {
    return updated != null && relaid;
  }

  /** The week file written to. */
  public Path file() {
    return file;
  }

  /**
   * Writes the week file, atomically and with the permissions it had; nothing if no figure changes.
   *
   * @return whether the file changed
   */
  public boolean write() throws IOException {
    if (updated == null) {
      return false;
    }
    boolean written = AtomicFiles.replace(file, updated);
    data.forget(week);
    return written;
  }

  /** A problem of the imported week about a tally of the sheet, named where the sheet gives it. */
  private static Problem inSheet(Problem problem, TallySheet sheet) {
    for (Figures figures : sheet.tallies().values()) {
      String base = "/tallies/" + figures.key();
      if (problem.pointer().equals(base) || problem.pointer().startsWith(base + "/")) {
        return new Problem(sheet.name(), figures.location(), problem.pointer(), problem.message());
      }
    }
    return problem;
  }

  private static List<Change> changes(String base, JsonNode before, JsonNode after) {
    Map<String, String> old = flatten(base, before);
    Map<String, String> now = flatten(base, after);
    Set<String> pointers = new LinkedHashSet<>(now.keySet());
    pointers.addAll(old.keySet());
    List<Change> changes = new ArrayList<>();
    for (String pointer : pointers) {
      String was = old.getOrDefault(pointer, "");
      String is = now.getOrDefault(pointer, "");
      if (!was.equals(is)) {
        changes.add(new Change(pointer, was, is));
      }
    }
    return changes;
  }

  private static Map<String, String> flatten(String base, JsonNode tally) {
    Map<String, String> values = new LinkedHashMap<>();
    if (tally == null) {
      return values;
    }
    values.put(base + "/value", tally.path("value").toString());
    for (String group : List.of("breakdown", "of_which")) {
      tally
          .path(group)
          .properties()
          .forEach(e -> values.put(base + "/" + group + "/" + e.getKey(), e.getValue().toString()));
    }
    return values;
  }
}
