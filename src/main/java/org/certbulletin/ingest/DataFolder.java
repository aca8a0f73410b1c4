package org.certbulletin.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.WeekId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Where the analysts' files are in the data folder: {@code config.json} and one {@code
 * weeks/YYYY-Www.json} per week; the files are listed and read as they are on disk, unchecked.
 */
final class DataFolder {

  private static final String WEEK_FILE = "[0-9]{4}-W[0-9]{2}\\.json";

  private final Path root;
  private final Map<WeekId, byte[]> pinned;
  private final Set<WeekId> hidden;
  private final Map<WeekId, PinnedVersion> versions;

  DataFolder(Path root) {
    this(root, Map.of(), Set.of(), Map.of());
  }

  /**
   * The folder as the archive and the mail see it: the weeks in {@code pinned} read from the
   * content given (the version approved), not from their files, and the weeks in {@code hidden}
   * left out as if they had no file; each week in {@code versions} shown as that version.
   */
  DataFolder(
      Path root,
      Map<WeekId, byte[]> pinned,
      Set<WeekId> hidden,
      Map<WeekId, PinnedVersion> versions) {
    this.root = Objects.requireNonNull(root, "root == null");
    this.pinned = Map.copyOf(pinned);
    this.hidden = Set.copyOf(hidden);
    this.versions = Map.copyOf(versions);
  }

  /** Which version pinned week {@code id} is, if the review workflow numbers it. */
  Optional<PinnedVersion> version(WeekId id) {
    return Optional.ofNullable(versions.get(id));
  }

  /** The content week {@code id} is read from instead of its file, if it is pinned. */
  Optional<byte[]> pinned(WeekId id) {
    return Optional.ofNullable(pinned.get(id)).map(byte[]::clone);
  }

  Path root() {
    return root;
  }

  Path weekFile(WeekId id) {
    return root.resolve("weeks").resolve(id + ".json");
  }

  /** The folder of the week files. */
  Path weeksFolder() {
    return root.resolve("weeks");
  }

  Path configFile() {
    return root.resolve("config.json");
  }

  /** The weeks that have a data file, oldest first. */
  List<WeekId> weeks() {
    Path folder = root.resolve("weeks");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.matches(WEEK_FILE))
          .map(name -> parseOrNull(name.substring(0, name.length() - ".json".length())))
          .filter(Objects::nonNull)
          .filter(id -> !hidden.contains(id))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** Files in {@code weeks/} that will be ignored because their name is not a week. */
  List<Path> strayFiles() {
    Path folder = root.resolve("weeks");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(
              f ->
                  !f.getFileName().toString().matches(WEEK_FILE)
                      || parseOrNull(f.getFileName().toString().replace(".json", "")) == null)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /**
   * True if the file of week {@code id} marks itself {@code "sample": true}, read without the
   * schema or rules (a missing, unreadable or broken file is not a sample).
   */
  boolean isSample(WeekId id) {
    try {
      Optional<byte[]> bytes = rawBytes(weekFile(id));
      if (bytes.isEmpty()) {
        return false;
      }
      JsonNode sample = JsonMapping.mapper().readTree(bytes.get()).path("sample");
      return sample.isBoolean() && sample.asBoolean();
    } catch (UncheckedIOException | JacksonException e) {
      return false;
    }
  }

  /**
   * The bytes of a file in the data folder as they are on disk, unchecked; empty if it is missing.
   */
  Optional<byte[]> rawBytes(Path file) {
    for (Map.Entry<WeekId, byte[]> pin : pinned.entrySet()) {
      if (file.equals(weekFile(pin.getKey()))) {
        return Optional.of(pin.getValue().clone());
      }
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static WeekId parseOrNull(String name) {
    try {
      return WeekId.parse(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
