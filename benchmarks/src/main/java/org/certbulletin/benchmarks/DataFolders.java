package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Copies of the data folder that a benchmark changes. */
final class DataFolders {

  private DataFolders() {}

  /** Copies the folder {@code from} with everything in it to {@code to}. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /**
   * Makes the public list of {@code data} {@code count} recipients, {@code reader00000@example.org}
   * and on.
   *
   * @return their addresses
   */
  static List<String> publicList(Path data, int count) throws IOException {
    List<String> addresses =
        IntStream.range(0, count)
            .mapToObj(i -> String.format(Locale.ROOT, "reader%05d@example.org", i))
            .toList();
    Files.write(data.resolve("lists/public.txt"), addresses);
    return addresses;
  }
}
