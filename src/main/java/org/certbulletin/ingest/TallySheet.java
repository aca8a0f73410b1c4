package org.certbulletin.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.certbulletin.ingest.SheetReader.SheetRow;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.TallyDefinition;
import org.certbulletin.model.WeekId;

/**
 * The figures of one week read from the analysts' spreadsheet (CSV or XLSX), in one of two shapes
 * told apart by the header row: one row per figure ({@code tally}, {@code part}, {@code value}
 * columns), or one column per figure ({@code incidents}, {@code incidents.phishing}, {@code
 * defaced_sites.of_which.government}) with one data row, or one per week with a {@code week}
 * column. Every problem names the file, row and column.
 */
public final class TallySheet {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,3}(,[0-9]{3})*|[0-9]+");
  private static final Pattern DOT = Pattern.compile("\\.");
  private static final long MAX_VALUE = 1_000_000_000_000L;

  /** One tally as the sheet gives it; the value is absent if only parts were given. */
  record Figures(
      String key,
      Optional<Long> value,
      Map<String, Long> breakdown,
      Map<String, Long> ofWhich,
      Location location) {}

  private final String name;
  private final Map<String, Figures> tallies;

  private TallySheet(String name, Map<String, Figures> tallies) {
    this.name = name;
    this.tallies = tallies;
  }

  /**
   * The figures of {@code week} in {@code file}, each a tally of {@code catalogue} with parts its
   * definition names.
   *
   * @throws InvalidDataException naming every problem by file, row and column
   */
  public static TallySheet read(Path file, WeekId week, TallyCatalogue catalogue) {
    String name = file.toString();
    List<SheetRow> rows = SheetReader.read(file, name).stream().filter(r -> !r.blank()).toList();
    if (rows.isEmpty()) {
      throw InvalidDataException.of(
          name, "is empty; it needs a header row (tally, part, value; or one tally key a column)");
    }
    Parser parser = new Parser(name, week, catalogue);
    if (parser.isRowPerFigure(rows.get(0))) {
      parser.rowPerFigure(rows);
    } else {
      parser.columnPerFigure(rows);
    }
    if (!parser.problems.isEmpty()) {
      throw new InvalidDataException(parser.problems);
    }
    if (parser.tallies.isEmpty()) {
      throw InvalidDataException.of(
          new Problem(
              name, new Location(rows.get(0).number(), 1), "", "gives no figures for " + week));
    }
    return new TallySheet(name, parser.tallies);
  }

  /** The file's name as problems give it. */
  public String name() {
    return name;
  }

  /** The keys of the tallies given, in the sheet's order. */
  public List<String> keys() {
    return List.copyOf(tallies.keySet());
  }

  Map<String, Figures> tallies() {
    return tallies;
  }

  /** Reads the rows into figures, collecting problems. */
  private static final class Parser {
    private final String name;
    private final WeekId week;
    private final TallyCatalogue catalogue;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Figures> tallies = new LinkedHashMap<>();
    private final Map<String, Location> seen = new LinkedHashMap<>();

    Parser(String name, WeekId week, TallyCatalogue catalogue) {
      this.name = name;
      this.week = week;
      this.catalogue = catalogue;
    }

    boolean isRowPerFigure(SheetRow header) {
      return column(header, "tally").isPresent() && column(header, "value").isPresent();
    }

    void rowPerFigure(List<SheetRow> rows) {
      SheetRow header = rows.get(0);
      int tally = column(header, "tally").orElseThrow();
      int value = column(header, "value").orElseThrow();
      Optional<Integer> part = column(header, "part");
      Optional<Integer> weekColumn = column(header, "week");
      for (SheetRow row : rows.subList(1, rows.size())) {
        if (weekColumn.isPresent() && !isThisWeek(row, weekColumn.get())) {
          continue;
        }
        String key = row.cell(tally);
        String partText = part.map(row::cell).orElse("");
        String target;
        if (partText.isEmpty()) {
          target = key;
        } else if (partText.startsWith("of_which:")) {
          target = key + ".of_which." + partText.substring("of_which:".length());
        } else {
          target = key + "." + partText;
        }
        Location at = new Location(row.number(), value + 1);
        Location keyAt = new Location(row.number(), (partText.isEmpty() ? tally : part.get()) + 1);
        figure(target, keyAt, row.cell(value), at);
      }
    }

    void columnPerFigure(List<SheetRow> rows) {
      SheetRow header = rows.get(0);
      Optional<Integer> weekColumn = column(header, "week");
      List<SheetRow> data = rows.subList(1, rows.size());
      SheetRow row;
      if (weekColumn.isPresent()) {
        List<SheetRow> matching =
            data.stream().filter(r -> isThisWeek(r, weekColumn.get())).toList();
        if (matching.size() != 1) {
          problems.add(
              new Problem(
                  name,
                  new Location(header.number(), weekColumn.get() + 1),
                  "",
                  matching.isEmpty()
                      ? "no row has week " + week + "; add one, or import the week it has"
                      : matching.size()
                          + " rows have week "
                          + week
                          + " (rows "
                          + String.join(
                              ", ", matching.stream().map(r -> String.valueOf(r.number())).toList())
                          + "); keep one"));
          return;
        }
        row = matching.get(0);
      } else if (data.size() == 1) {
        row = data.get(0);
      } else {
        problems.add(
            new Problem(
                name,
                new Location(header.number(), 1),
                "",
                data.isEmpty()
                    ? "has a header row but no figures under it"
                    : "has "
                        + data.size()
                        + " rows of figures; give one, or a 'week' column to pick the row of "
                        + week
                        + ", or one row per figure (columns tally, part, value)"));
        return;
      }
      for (int i = 0; i < header.cells().size(); i++) {
        String key = header.cell(i);
        if (weekColumn.isPresent() && i == weekColumn.get()) {
          continue;
        }
        if (row.cell(i).isEmpty()) {
          continue;
        }
        figure(
            key,
            new Location(header.number(), i + 1),
            row.cell(i),
            new Location(row.number(), i + 1));
      }
    }

    private boolean isThisWeek(SheetRow row, int column) {
      return row.cell(column).toUpperCase(Locale.ROOT).equals(week.toString());
    }

    /**
     * One figure: {@code target} is {@code tally}, {@code tally.part} or {@code
     * tally.of_which.subset}, named at {@code keyAt}; its value is {@code text}, at {@code at}.
     */
    private void figure(String target, Location keyAt, String text, Location at) {
      List<String> steps = DOT.splitAsStream(target).toList();
      if (steps.isEmpty()
          || steps.size() > 3
          || (steps.size() == 3 && !steps.get(1).equals("of_which"))) {
        problem(
            keyAt,
            "",
            "'"
                + Printable.of(target, 60)
                + "' is not a figure: use a tally key (incidents), tally.part"
                + " (incidents.phishing) or tally.of_which.subset"
                + " (defaced_sites.of_which.government)");
        return;
      }
      String key = steps.get(0);
      Optional<TallyDefinition> definition = catalogue.find(key);
      if (definition.isEmpty()) {
        problem(
            keyAt, "/tallies/" + Printable.of(key, 40), TallyRules.unknownTally(key, catalogue));
        return;
      }
      String pointer = "/tallies/" + key;
      boolean subset = steps.size() == 3;
      String part = steps.size() == 1 ? null : steps.get(steps.size() - 1);
      if (part != null) {
        List<String> known =
            (subset ? definition.get().ofWhich() : definition.get().breakdown())
                .stream().map(TallyDefinition.Part::key).toList();
        pointer += (subset ? "/of_which/" : "/breakdown/") + Printable.of(part, 40);
        if (!known.contains(part)) {
          String what = subset ? "subset" : "part";
          problem(
              keyAt,
              pointer,
              "unknown "
                  + what
                  + " '"
                  + Printable.of(part, 40)
                  + "' of "
                  + key
                  + "; "
                  + (known.isEmpty()
                      ? key + " has no " + what + "s"
                      : SchemaMessages.closest(part, known)
                              .map(c -> "did you mean '" + c + "'? ")
                              .orElse("")
                          + "its "
                          + what
                          + "s are "
                          + String.join(", ", known)));
          return;
        }
      } else {
        pointer += "/value";
      }
      Location before = seen.putIfAbsent(pointer, keyAt);
      if (before != null) {
        problem(keyAt, pointer, "is given twice (first at row " + before.line() + "); keep one");
        return;
      }
      Optional<Long> value = wholeNumber(text, at, pointer);
      if (value.isEmpty()) {
        return;
      }
      Figures figures =
          tallies.computeIfAbsent(
              key,
              k ->
                  new Figures(
                      k, Optional.empty(), new LinkedHashMap<>(), new LinkedHashMap<>(), at));
      if (part == null) {
        tallies.put(key, new Figures(key, value, figures.breakdown(), figures.ofWhich(), at));
      } else if (subset) {
        figures.ofWhich().put(part, value.get());
      } else {
        figures.breakdown().put(part, value.get());
      }
    }

    private Optional<Long> wholeNumber(String text, Location at, String pointer) {
      String shown = "'" + Printable.of(text, 40) + "'";
      if (text.isEmpty()) {
        problem(at, pointer, "is empty; give a whole number (0 if there were none)");
        return Optional.empty();
      }
      if (!WHOLE_NUMBER.matcher(text).matches()) {
        problem(
            at,
            pointer,
            shown
                + (text.startsWith("-")
                    ? " is negative; a count is at least 0"
                    : " is not a whole number"));
        return Optional.empty();
      }
      String digits = text.replace(",", "");
      if (digits.length() > 13 || Long.parseLong(digits) > MAX_VALUE) {
        problem(at, pointer, shown + " is too large: at most 1000000000000");
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(digits));
    }

    private void problem(Location at, String pointer, String message) {
      problems.add(new Problem(name, at, pointer, message));
    }

    private static Optional<Integer> column(SheetRow header, String title) {
      for (int i = 0; i < header.cells().size(); i++) {
        if (header.cell(i).toLowerCase(Locale.ROOT).equals(title)) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }
  }
}
