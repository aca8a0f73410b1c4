package org.certbulletin.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
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
 * and the checksums need, so that a publish with nothing to do reads no week file.
 */
public final class PublishManifest {

  private static final Logger log = LoggerFactory.getLogger(PublishManifest.class);
  private static final int FORMAT = 2;

  /** The file's form. */
  private record Stored(int format, List<ArchiveEntry> weeks) {}

  private final Map<WeekId, ArchiveEntry> entries;

  private PublishManifest(Map<WeekId, ArchiveEntry> entries) {
    this.entries = new TreeMap<>(entries);
  }

  public static PublishManifest empty() {
    return new PublishManifest(Map.of());
  }

  /** Reads the manifest; a missing or unreadable one is empty, which only means more work. */
  public static PublishManifest load(Path file) {
    try {
      Stored stored = JsonMapping.mapper().readValue(Files.readAllBytes(file), Stored.class);
      if (stored.format() != FORMAT) {
        log.warn("{} has another format; every week will be rendered again", file);
        return empty();
      }
      return of(stored.weeks());
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException | JacksonException | IllegalArgumentException | NullPointerException e) {
      log.warn("cannot read {} ({}); every week will be rendered again", file, e.getMessage());
      return empty();
    }
  }

  /** A manifest of exactly these entries. */
  public static PublishManifest of(Collection<ArchiveEntry> entries) {
    Map<WeekId, ArchiveEntry> map = new TreeMap<>();
    entries.forEach(e -> map.put(e.week(), e));
    return new PublishManifest(map);
  }

  public Optional<ArchiveEntry> get(WeekId week) {
    return Optional.ofNullable(entries.get(week));
  }

  public Collection<ArchiveEntry> entries() {
    return entries.values();
  }

  /** Writes the manifest atomically. */
  public void save(Path file) throws IOException {
    String json =
        JsonMapping.mapper().writeValueAsString(new Stored(FORMAT, List.copyOf(entries.values())));
    AtomicFiles.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
