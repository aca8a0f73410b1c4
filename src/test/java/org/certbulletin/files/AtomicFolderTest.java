package org.certbulletin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edition's files change together or not at all. */
class AtomicFolderTest {

  @TempDir Path root;

  @Test
  void replacesEveryFileAtOnce() throws IOException {
    Path folder = root.resolve("W51");
    AtomicFolder.replace(folder, files("old", "old", "old"), true);

    AtomicFolder.Outcome outcome = AtomicFolder.replace(folder, files("new", "new", "new"), true);

    assertThat(outcome.written()).hasSize(3);
    assertThat(contents(folder)).containsOnly("new");
    assertThat(siblings()).containsExactly("W51");
  }

  @Test
  void aFailureWhileAssemblingLeavesEveryOldFileAsItWas() throws IOException {
    Path folder = root.resolve("W51");
    AtomicFolder.replace(folder, files("old", "old", "old"), true);
    Map<String, byte[]> broken = files("new", "new", "new");
    broken.put("bulletin.html/cannot-be-both-a-file-and-a-folder", bytes("new"));

    assertThatThrownBy(() -> AtomicFolder.replace(folder, broken, true))
        .isInstanceOf(IOException.class);

    assertThat(contents(folder)).as("no mixed edition").containsOnly("old");
    assertThat(siblings()).as("no leftovers").containsExactly("W51");
  }

  @Test
  void unchangedFilesKeepTheirModificationTimeAndAnUnchangedFolderIsNotTouched() throws Exception {
    Path folder = root.resolve("W51");
    AtomicFolder.replace(folder, files("a", "b", "c"), true);
    FileTime then = FileTime.fromMillis(1_000_000_000L);
    Files.setLastModifiedTime(folder.resolve("bulletin.html"), then);

    AtomicFolder.Outcome same = AtomicFolder.replace(folder, files("a", "b", "c"), true);
    assertThat(same.written()).isEmpty();
    AtomicFolder.Outcome one = AtomicFolder.replace(folder, files("a", "b", "C"), true);

    assertThat(one.written())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("bulletin.json");
    assertThat(Files.getLastModifiedTime(folder.resolve("bulletin.html"))).isEqualTo(then);
  }

  @Test
  void aFolderLeftAsideByAKilledProcessComesBack() throws IOException {
    Path folder = root.resolve("W51");
    AtomicFolder.replace(folder, files("old", "old", "old"), true);
    Files.move(folder, root.resolve(".W51.old-1234"));
    Files.createDirectories(root.resolve(".W51.new-5678"));

    AtomicFolder.replace(folder, files("old", "old", "new"), true);

    assertThat(siblings()).containsExactly("W51");
    assertThat(Files.readString(folder.resolve("bulletin.html"))).isEqualTo("old");
  }

  private static Map<String, byte[]> files(String html, String pdf, String json) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("bulletin.html", bytes(html));
    files.put("bulletin.pdf", bytes(pdf));
    files.put("bulletin.json", bytes(json));
    return files;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Stream<String> contentsStream(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(
              file -> {
                try {
                  return Files.readString(file);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList()
          .stream();
    }
  }

  private static java.util.List<String> contents(Path folder) throws IOException {
    return contentsStream(folder).toList();
  }

  private java.util.List<String> siblings() throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
