package org.certbulletin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated page in {@code docs/} is committed exactly as its generator writes it today. */
class GeneratedPagesTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();

  @Test
  void everyGeneratedPageIsCommittedAsItsGeneratorWritesIt() {
    assertThat(GeneratedPages.differences(ROOT))
        .as("generated pages of docs/ that are out of date; run " + GeneratedPages.REFRESH)
        .isEmpty();
  }

  @Test
  void everyGeneratedPageSaysItIsGeneratedAndByWhichCommand() {
    GeneratedPages.pages(GeneratedPages.all(ROOT))
        .forEach(
            (path, content) ->
                assertThat(content.lines().findFirst().orElse(""))
                    .as(path)
                    .contains("Generated from", GeneratedPages.REFRESH));
  }

  @Test
  void namesTheFirstDifferingLine() {
    assertThat(GeneratedPages.firstDifference("a\nb\nc\n", "a\nB\nc\n"))
        .isEqualTo("line 2 is 'b' where the generator writes 'B'");
    assertThat(GeneratedPages.firstDifference("a\n", "a\nb\n"))
        .isEqualTo("line 2 is '' where the generator writes 'b'");
  }

  @Test
  void reportsAStaleAMissingAndAStrayPage(@TempDir Path root) throws IOException {
    PageGenerator generator =
        new PageGenerator() {
          @Override
          public String folder() {
            return "docs/ref";
          }

          @Override
          public SortedMap<String, String> pages() {
            SortedMap<String, String> pages = new TreeMap<>();
            pages.put("docs/ref/a.md", "one\ntwo\n");
            pages.put("docs/ref/b.md", "b\n");
            return pages;
          }
        };
    Files.createDirectories(root.resolve("docs/ref"));
    Files.writeString(root.resolve("docs/ref/a.md"), "one\nthree\n");
    Files.writeString(root.resolve("docs/ref/old.md"), "gone\n");

    var generators = java.util.List.of(generator);
    var pages = GeneratedPages.pages(generators);
    assertThat(GeneratedPages.strayFiles(root, generators, pages))
        .containsExactly("docs/ref/old.md");
    assertThat(GeneratedPages.compare(root, generators))
        .containsExactly(
            "docs/ref/a.md: stale, line 2 is 'three' where the generator writes 'two'; refresh it"
                + " with mvn -B -q test-compile exec:java@docs (never by hand)",
            "docs/ref/b.md: missing; write it with mvn -B -q test-compile exec:java@docs",
            "docs/ref/old.md: no generator writes it any more; delete it, or run mvn -B -q"
                + " test-compile exec:java@docs, which does");
  }
}
