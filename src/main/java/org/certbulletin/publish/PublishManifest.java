package org.certbulletin.publish;

import org.certbulletin.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Issue;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the last successful publish produced, week by week ({@code out/state/publish.json}): the
 * inputs digest that decides whether a week must be rendered again, and what the index, the feed
 * and the checksums need, so that a publish with nothing to do reads no week file.
 */
public final class PublishManifest {

  private static final Logger log = LoggerFactory.getLogger(PublishManifest.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final int FORMAT = 1;

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
      JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
      if (root.path("format").asInt() != FORMAT) {
        log.warn("{} has another format; every week will be rendered again", file);
        return empty();
      }
      Map<WeekId, ArchiveEntry> entries = new TreeMap<>();
      for (JsonNode node : root.path("weeks")) {
        ArchiveEntry entry = read(node);
        entries.put(entry.week(), entry);
      }
      return new PublishManifest(entries);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException | RuntimeException e) {
      log.warn("cannot read {} ({}); every week will be rendered again", file, e.getMessage());
      return empty();
    }
  }

  public java.util.Optional<ArchiveEntry> get(WeekId week) {
    return java.util.Optional.ofNullable(entries.get(week));
  }

  public Collection<ArchiveEntry> entries() {
    return entries.values();
  }

  /** A manifest of exactly these entries. */
  public static PublishManifest of(Collection<ArchiveEntry> entries) {
    Map<WeekId, ArchiveEntry> map = new TreeMap<>();
    entries.forEach(e -> map.put(e.week(), e));
    return new PublishManifest(map);
  }

  /** Writes the manifest atomically. */
  public void save(Path file) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode weeks = root.putArray("weeks");
    entries.values().forEach(e -> write(weeks.addObject(), e));
    AtomicFiles.write(file, (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void write(ObjectNode node, ArchiveEntry e) {
    node.put("week", e.week().toString());
    node.put("volume", e.issue().volume());
    node.put("number", e.issue().number());
    e.issue().total().ifPresent(t -> node.put("total", t));
    node.put("published", e.published().toString());
    node.put("tlp", e.tlp().code());
    node.put("sample", e.sample());
    node.put("incidents", e.incidents());
    e.crossBorder().ifPresent(v -> node.put("cross_border", v));
    e.breaches().ifPresent(v -> node.put("breaches", v));
    node.put("advisories", e.advisories());
    node.put("exploited", e.exploited());
    node.put("inputs", e.inputs());
    ObjectNode files = node.putObject("files");
    e.files().forEach((name, digest) -> files.putObject(name).put("size", digest.size()).put("sha256", digest.sha256()));
  }

  private static ArchiveEntry read(JsonNode n) {
    Map<String, ArchiveEntry.FileDigest> files = new LinkedHashMap<>();
    n.path("files").properties().forEach(f ->
        files.put(f.getKey(), new ArchiveEntry.FileDigest(f.getValue().get("size").asLong(), f.getValue().get("sha256").asString())));
    return new ArchiveEntry(
        WeekId.parse(n.get("week").asString()),
        new Issue(n.get("volume").asInt(), n.get("number").asInt(),
            n.has("total") ? OptionalInt.of(n.get("total").asInt()) : OptionalInt.empty()),
        OffsetDateTime.parse(n.get("published").asString()),
        Tlp.fromCode(n.get("tlp").asString()),
        n.path("sample").asBoolean(),
        n.get("incidents").asLong(),
        n.has("cross_border") ? OptionalLong.of(n.get("cross_border").asLong()) : OptionalLong.empty(),
        n.has("breaches") ? OptionalLong.of(n.get("breaches").asLong()) : OptionalLong.empty(),
        n.get("advisories").asInt(),
        n.get("exploited").asInt(),
        n.get("inputs").asString(),
        files);
  }
}
