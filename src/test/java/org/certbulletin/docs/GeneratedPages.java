package org.certbulletin.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every generator of pages in {@code docs/}, and how the committed pages compare to what they
 * write.
 */
final class GeneratedPages {

  /** The command that writes every generated page again; each page and every failure names it. */
  static final String REFRESH = "mvn -B -q test-compile exec:java@docs";

  private GeneratedPages() {}

  /** Every generator, reading its sources under the repository root {@code root}. */
  static List<PageGenerator> all(Path root) {
    return List.of(
        new SchemaPages(root), // the data formats, from the JSON Schemas
        new ApiPages(root), // the HTTP API, from the OpenAPI file
        new CliPages() // the commands, from picocli
        );
  }

  /** Every generated page, by path relative to the repository root. */
  static SortedMap<String, String> pages(List<PageGenerator> generators) {
    SortedMap<String, String> pages = new TreeMap<>();
    for (PageGenerator generator : generators) {
      generator
          .pages()
          .forEach(
              (path, content) -> {
                if (!path.startsWith(generator.folder() + "/")) {
                  throw new IllegalStateException(
                      generator.getClass().getSimpleName()
                          + " writes "
                          + path
                          + " outside its folder "
                          + generator.folder());
                }
                if (pages.put(path, content) != null) {
                  throw new IllegalStateException("two generators write " + path);
                }
              });
    }
    return pages;
  }

  /**
   * The files under the generators' folders that no generator writes (a folder may hold another
   * generator's folder, as {@code docs/reference} holds {@code docs/reference/cli}).
   */
  static List<String> strayFiles(
      Path root, List<PageGenerator> generators, SortedMap<String, String> pages) {
    var stray = new TreeSet<String>();
    for (PageGenerator generator : generators) {
      Path folder = root.resolve(generator.folder());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(folder)) {
        files
            .filter(Files::isRegularFile)
            .map(file -> root.relativize(file).toString().replace('\\', '/'))
            .filter(path -> !pages.containsKey(path))
            .forEach(stray::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(stray);
  }

  /**
   * What differs between the committed pages and the generated ones, one sentence each, naming the
   * file and the command that refreshes it; empty when everything is up to date.
   */
  static List<String> differences(Path root) {
    return compare(root, all(root));
  }

  /** What differs between the files under {@code root} and the pages {@code generators} write. */
  static List<String> compare(Path root, List<PageGenerator> generators) {
    SortedMap<String, String> pages = pages(generators);
    List<String> differences = new ArrayList<>();
    pages.forEach(
        (path, expected) -> {
          Path file = root.resolve(path);
          if (!Files.isRegularFile(file)) {
            differences.add(path + ": missing; write it with " + REFRESH);
            return;
          }
          String actual = read(file);
          if (!actual.equals(expected)) {
            differences.add(
                path
                    + ": stale, "
                    + firstDifference(actual, expected)
                    + "; refresh it with "
                    + REFRESH
                    + " (never by hand)");
          }
        });
    for (String path : strayFiles(root, generators, pages)) {
      differences.add(
          path
              + ": no generator writes it any more; delete it, or run "
              + REFRESH
              + ", which does");
    }
    return differences;
  }

  /** Where two texts first differ, by line: "line 12 is 'x' where the generator writes 'y'". */
  static String firstDifference(String actual, String expected) {
    String[] have = actual.split("\n", -1);
    String[] want = expected.split("\n", -1);
    for (int i = 0; i < Math.max(have.length, want.length); i++) {
      String a = i < have.length ? have[i] : null;
      String w = i < want.length ? want[i] : null;
      if (a == null || w == null || !a.equals(w)) {
        return String.format(
            Locale.ROOT,
            "line %d is %s where the generator writes %s",
            i + 1,
            a == null ? "missing (the file ends)" : quote(a),
            w == null ? "nothing (the page ends)" : quote(w));
      }
    }
    return "the texts differ";
  }

  private static String quote(String line) {
    return "'" + (line.length() > 160 ? line.substring(0, 160) + "..." : line) + "'";
  }

  /**
   * Writes every generated page and deletes the files no generator writes; returns what changed.
   */
  static List<String> refresh(Path root) throws IOException {
    List<PageGenerator> generators = all(root);
    SortedMap<String, String> pages = pages(generators);
    List<String> changed = new ArrayList<>();
    for (var page : pages.entrySet()) {
      Path file = root.resolve(page.getKey());
      if (Files.isRegularFile(file) && read(file).equals(page.getValue())) {
        continue;
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
      changed.add("wrote " + page.getKey());
    }
    for (String path : strayFiles(root, generators, pages)) {
      Files.delete(root.resolve(path));
      changed.add("deleted " + path);
    }
    return changed;
  }

  static JsonNode readJson(Path file) {
    return JsonMapper.builder().build().readTree(read(file));
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first line of every generated Markdown page: generated, from what, by which command. */
  static String markdownHeader(String source) {
    return "<!-- Generated from "
        + source
        + " by `"
        + REFRESH
        + "`: do not edit by hand; change the source and run the command. -->\n";
  }
}
