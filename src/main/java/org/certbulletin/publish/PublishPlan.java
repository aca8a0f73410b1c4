package org.certbulletin.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/**
 * Where each week of the data folder stands against what was last published: current (same inputs,
 * files in place), stale (published, but its inputs changed or its files are gone) or missing
 * (never published); and which published weeks no longer have data. Deciding what to do reads no
 * week file beyond hashing them.
 */
public final class PublishPlan {

  /** Where one week stands. */
  public enum State {
    /** Published from the same inputs, with its files in place: nothing to do. */
    CURRENT,
    /** Published, but its inputs changed since or its files are gone: render it again. */
    STALE,
    /** Never published: render it. */
    MISSING
  }

  private final Map<WeekId, State> states;
  private final Map<WeekId, String> inputs;
  private final List<WeekId> removed;
  private final PublishManifest manifest;
  private final Optional<Path> site;
  private final OutputLayout layout;

  private PublishPlan(
      Map<WeekId, State> states,
      Map<WeekId, String> inputs,
      List<WeekId> removed,
      PublishManifest manifest,
      Optional<Path> site,
      OutputLayout layout) {
    this.states = Collections.unmodifiableMap(states);
    this.inputs = Collections.unmodifiableMap(inputs);
    this.removed = List.copyOf(removed);
    this.manifest = manifest;
    this.site = site;
    this.layout = layout;
  }

  /** Compares the data folder and templates with the manifest and files of the last publish. */
  public static PublishPlan of(DataDirectory data, Path templates, OutputLayout layout)
      throws IOException {
    InputFingerprint fingerprint = new InputFingerprint(data, templates);
    PublishManifest manifest = PublishManifest.load(layout.publishManifest());
    Optional<Path> site = new SiteGenerations(layout.site()).current();
    Map<WeekId, State> states = new TreeMap<>();
    Map<WeekId, String> inputs = new TreeMap<>();
    for (WeekId week : fingerprint.weeks()) {
      String digest = fingerprint.of(week);
      inputs.put(week, digest);
      Optional<ArchiveEntry> entry = manifest.get(week);
      states.put(
          week,
          entry.isEmpty()
              ? State.MISSING
              : entry.get().inputs().equals(digest) && filesPresent(entry.get(), site, layout)
                  ? State.CURRENT
                  : State.STALE);
    }
    List<WeekId> removed =
        manifest.entries().stream()
            .map(ArchiveEntry::week)
            .filter(w -> !states.containsKey(w))
            .toList();
    return new PublishPlan(states, inputs, removed, manifest, site, layout);
  }

  /** Every week with data, oldest first, and where it stands. */
  public Map<WeekId, State> states() {
    return states;
  }

  /** The weeks in {@code state}, oldest first. */
  public List<WeekId> weeks(State state) {
    return states.entrySet().stream()
        .filter(e -> e.getValue() == state)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The weeks to render: stale and missing ones, oldest first. */
  public List<WeekId> toRender() {
    return states.entrySet().stream()
        .filter(e -> e.getValue() != State.CURRENT)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Published weeks whose data file is gone. */
  public List<WeekId> removed() {
    return removed;
  }

  /** The digest of the inputs {@code week} is rendered from. */
  public String inputs(WeekId week) {
    return inputs.get(week);
  }

  /** What was last published of {@code week}, whatever its state. */
  public Optional<ArchiveEntry> published(WeekId week) {
    return manifest.get(week);
  }

  /**
   * The last published edition of {@code week} if its files are still in place, to keep when it
   * cannot be rendered.
   */
  public Optional<ArchiveEntry> keepable(WeekId week) {
    return manifest.get(week).filter(entry -> filesPresent(entry, site, layout));
  }

  /** The archive generation readers see now, if any. */
  public Optional<Path> site() {
    return site;
  }

  /**
   * The earlier version {@code superseded} as last published, if it was published from the same
   * inputs and its files are still in place: nothing to do but keep it.
   */
  Optional<ArchivedVersion> current(SupersededVersion superseded) {
    return keepable(superseded.week(), superseded.version())
        .filter(v -> v.inputs().equals(superseded.inputs()));
  }

  /** Version {@code version} of {@code week} as last published, if its files are in place. */
  Optional<ArchivedVersion> keepable(WeekId week, int version) {
    return manifest
        .version(week, version)
        .filter(v -> filesPresent(folder(v.tlp(), v.week(), version), v.files()));
  }

  /** Every earlier version last published, by week and version. */
  List<ArchivedVersion> publishedVersions() {
    return manifest.versions();
  }

  /** The folder of an earlier version's files: in the archive readers see now, or restricted. */
  private Optional<Path> folder(Tlp tlp, WeekId week, int version) {
    if (tlp != Tlp.CLEAR) {
      return Optional.of(layout.versionFolder(week, version, tlp));
    }
    return site.map(s -> s.resolve(OutputLayout.versionPath(week, version)));
  }

  private static boolean filesPresent(
      ArchiveEntry entry, Optional<Path> site, OutputLayout layout) {
    Optional<Path> folder =
        entry.tlp() == Tlp.CLEAR
            ? site.map(s -> s.resolve(OutputLayout.archivePath(entry.week())))
            : Optional.of(layout.weekFolder(entry.week(), entry.tlp()));
    return filesPresent(folder, entry.files());
  }

  private static boolean filesPresent(
      Optional<Path> folder, Map<String, ArchiveEntry.FileDigest> files) {
    if (folder.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, ArchiveEntry.FileDigest> file : files.entrySet()) {
      Path path = folder.get().resolve(file.getKey());
      try {
        if (!Files.isRegularFile(path) || Files.size(path) != file.getValue().size()) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
