package org.certbulletin.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new file appears whole, with another file's mode, and never replaces one. */
class AtomicFilesCreateTest {

  @TempDir Path root;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Path modeOf(String mode) throws IOException {
    Path file = root.resolve("model.json");
    Files.writeString(file, "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private String[] names() throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      return files.map(f -> f.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void createsTheFileWithTheModeOfAnother() throws IOException {
    Path target = root.resolve("2024-W52.json");

    AtomicFiles.createNew(target, bytes("{\"week\": 1}\n"), modeOf("rw-r-----"));

    assertThat(target).hasContent("{\"week\": 1}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
    assertThat(names()).containsExactly("2024-W52.json", "model.json");
  }

  @Test
  void neverReplacesAFileAndLeavesNoTemporaryFile() throws IOException {
    Path model = modeOf("rw-r--r--");
    Path target = root.resolve("2024-W51.json");
    Files.writeString(target, "analyst's work");

    assertThatThrownBy(() -> AtomicFiles.createNew(target, bytes("new"), model))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(target).hasContent("analyst's work");
    assertThat(names()).containsExactly("2024-W51.json", "model.json");
    Path free = root.resolve("2024-W52.json");
    AtomicFiles.createNew(free, bytes("new"), model);
    assertThat(free).as("control: a free name is written").hasContent("new");
  }

  @Test
  void neverReplacesALinkEvenToNothing() throws IOException {
    Path model = modeOf("rw-r--r--");
    Path target = root.resolve("2024-W51.json");
    Files.createSymbolicLink(target, root.resolve("elsewhere.json"));

    assertThatThrownBy(() -> AtomicFiles.createNew(target, bytes("new"), model))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(Files.isSymbolicLink(target)).isTrue();
    assertThat(root.resolve("elsewhere.json")).doesNotExist();
  }
}
