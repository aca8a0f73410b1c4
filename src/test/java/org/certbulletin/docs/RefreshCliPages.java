package org.certbulletin.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * {@code mvn -B -q test-compile exec:java@docs}: writes the CLI reference in {@code
 * docs/reference/cli} anew from the commands, removing pages no command has any more.
 */
public final class RefreshCliPages {

  private RefreshCliPages() {}

  public static void main(String[] args) throws IOException {
    refresh(Path.of(""), new CliPages());
  }

  /** Writes {@code generator}'s pages under {@code root} and deletes the others in its folder. */
  static void refresh(Path root, PageGenerator generator) throws IOException {
    SortedMap<String, String> pages = generator.pages();
    Path folder = root.resolve(generator.folder());
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> stale =
          files
              .filter(f -> !pages.containsKey(generator.folder() + "/" + f.getFileName()))
              .toList();
      for (Path file : stale) {
        Files.delete(file);
        System.out.println("deleted " + root.relativize(file));
      }
    }
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Path file = root.resolve(page.getKey());
      if (!Files.exists(file)
          || !Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
        Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
        System.out.println("wrote " + page.getKey());
      }
    }
  }
}
