package org.certbulletin.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The maintainer's guide lists every package of the product, and only those: the rows between its
 * package-map markers name each package under {@code src/main/java/org/certbulletin} (relative to
 * {@code org.certbulletin}, e.g. {@code http.console}) that holds Java source.
 */
class PackageMapTest {

  private static final Path GUIDE = Path.of("docs/maintainer-guide.md");
  private static final Path SOURCES = Path.of("src/main/java/org/certbulletin");
  private static final String START = "<!-- package-map:start -->";
  private static final String END = "<!-- package-map:end -->";

  /** A table row whose first cell is a package name in backticks. */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z][a-z0-9_.]*)`\\s*\\|");

  @Test
  void theGuideListsEveryPackageOfTheCodeAndNoOther() throws IOException {
    SortedSet<String> listed = listed(Files.readString(GUIDE));
    SortedSet<String> code = packages(SOURCES);
    assertThat(code).as("packages under %s", SOURCES).contains("model", "pgp", "subscribe");
    assertThat(missing(code, listed))
        .as("packages in the code but not in the package map of %s", GUIDE)
        .isEmpty();
    assertThat(missing(listed, code))
        .as("packages in the package map of %s that are not in the code", GUIDE)
        .isEmpty();
  }

  @Test
  void aMapMissingAPackageOrListingAGoneOneIsCaught() {
    String map =
        String.join(
            "\n",
            "intro",
            START,
            "| package | what it holds |",
            "| --- | --- |",
            "| `model` | records |",
            "| `http.console` | the console |",
            "| `gone` | a package removed since |",
            END,
            "| `after` | outside the markers |");
    SortedSet<String> listed = listed(map);
    assertThat(listed).containsExactly("gone", "http.console", "model");
    SortedSet<String> code = new TreeSet<>(List.of("model", "http.console", "pgp"));
    assertThat(missing(code, listed)).containsExactly("pgp");
    assertThat(missing(listed, code)).containsExactly("gone");
  }

  @Test
  void aGuideWithoutTheMarkersIsRefusedRatherThanReadAsEmpty() {
    assertThatThrownBy(() -> listed("| `model` | records |"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(START);
    assertThatThrownBy(() -> listed(START + "\n| `model` | records |"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(END);
  }

  /** The package names of the rows between the markers. */
  static SortedSet<String> listed(String guide) {
    int start = guide.indexOf(START);
    if (start < 0) {
      throw new IllegalStateException("no " + START + " marker");
    }
    int end = guide.indexOf(END, start);
    if (end < 0) {
      throw new IllegalStateException("no " + END + " marker after " + START);
    }
    SortedSet<String> names = new TreeSet<>();
    for (String line : guide.substring(start + START.length(), end).split("\n", -1)) {
      Matcher row = ROW.matcher(line.strip());
      if (row.find()) {
        names.add(row.group(1));
      }
    }
    return names;
  }

  /** Every folder under {@code root} that holds a Java file, as a dotted name relative to it. */
  static SortedSet<String> packages(Path root) throws IOException {
    SortedSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".java"))
          .map(Path::getParent)
          .filter(folder -> !folder.equals(root))
          .forEach(folder -> names.add(dotted(root.relativize(folder))));
    }
    return names;
  }

  private static String dotted(Path relative) {
    List<String> parts = new ArrayList<>();
    relative.forEach(p -> parts.add(p.toString()));
    return String.join(".", parts);
  }

  private static SortedSet<String> missing(SortedSet<String> from, SortedSet<String> in) {
    SortedSet<String> left = new TreeSet<>(from);
    left.removeAll(in);
    return left;
  }
}
