package org.certbulletin.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.WeekId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * What the last successful publish produced, week by week ({@code out/state/publish.json}): the
 * inputs digest that decides whether a week must be rendered again, and what the index, the feed
 * and the checksums need, so that a publish with nothing to do reads no week file; and the same of
 * each earlier version a correction superseded ({@code 2024/W51/v1/}).
 */
public final class PublishManifest {

  private static final Logger log = LoggerFactory.getLogger(PublishManifest.class);
  private static final int FORMAT = 2;

  /**
   * The file's form; {@code versions} is absent from the files of a release that kept no earlier
   * versions, which read as none.
   */
  private record Stored(int format, List<ArchiveEntry> weeks, List<ArchivedVersion> versions) {}

  private final Map<WeekId, ArchiveEntry> entries;
  private final List<ArchivedVersion> versions;

  private PublishManifest(Map<WeekId, ArchiveEntry> entries, List<ArchivedVersion> versions) {
    this.entries = new TreeMap<>(entries);
    this.versions =
        versions.stream()
            .sorted(
                Comparator.comparing(ArchivedVersion::week)
                    .thenComparingInt(ArchivedVersion::version))
            .toList();
  }

  public static PublishManifest empty() {
    return new PublishManifest(Map.of(), List.of());
  }

  /** Reads the manifest; a missing or unreadable one is empty, which only means more work. */
  public static PublishManifest load(Path file) {
    try {
      Stored stored = JsonMapping.mapper().readValue(Files.readAllBytes(file), Stored.class);
      if (stored.format() != FORMAT) {
        log.warn("{} has another format; every week will be rendered again", file);
        return empty();
      }
      return of(stored.weeks(), stored.versions() == null ? List.of() : stored.versions());
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException | JacksonException | IllegalArgumentException | NullPointerException e) {
      log.warn("cannot read {} ({}); every week will be rendered again", file, e.getMessage());
      return empty();
    }
  }

  /** A manifest of exactly these entries, and no earlier versions. */
  public static PublishManifest of(Collection<ArchiveEntry> entries) {
    return of(entries, List.of());
  }

  /** A manifest of exactly these entries and earlier versions. */
  public static PublishManifest of(
      Collection<ArchiveEntry> entries, Collection<ArchivedVersion> versions) {
    Map<WeekId, ArchiveEntry> map = new TreeMap<>();
    entries.forEach(e -> map.put(e.week(), e));
    return new PublishManifest(map, List.copyOf(versions));
  }

  public Optional<ArchiveEntry> get(WeekId week) {
    return Optional.ofNullable(entries.get(week));
  }

  public Collection<ArchiveEntry> entries() {
    return entries.values();
  }

  /** The earlier versions of corrected weeks, by week and version. */
  public List<ArchivedVersion> versions() {
    return versions;
  }

  /** Version {@code version} of {@code week}, if the archive keeps it as an earlier version. */
  public Optional<ArchivedVersion> version(WeekId week, int version) {
    return versions.stream().filter(v -> v.is(week, version)).findFirst();
  }

  /** Writes the manifest atomically. */
  public void save(Path file) throws IOException {
    String json =
        JsonMapping.mapper()
            .writeValueAsString(new Stored(FORMAT, List.copyOf(entries.values()), versions));
    AtomicFiles.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
