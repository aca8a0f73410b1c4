package org.certbulletin.publish;

import org.certbulletin.files.Digests;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.OutputLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Config;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.render.ArchiveRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the public archive up to date with the data folder: renders the weeks whose inputs
 * changed or whose files are missing, keeps the rest as they are, and writes the index, the Atom
 * feed and {@code SHA256SUMS}. The new archive is assembled beside the old one and switched in
 * atomically; a week with bad data is reported and keeps its earlier edition, while any other
 * failure leaves the previous archive exactly as it was.
 */
public final class ArchivePublisher {

  private static final Logger log = LoggerFactory.getLogger(ArchivePublisher.class);

  private final DataDirectory data;
  private final Path templates;
  private final OutputLayout layout;
  private final Function<WeekId, EditionFiles> renderer;
  private final ArchiveRenderer pages;
  private final BatchRenderer batch;
  private final ProgressListener progress;

  public ArchivePublisher(DataDirectory data, Path templates, OutputLayout layout,
      Function<WeekId, EditionFiles> renderer, BatchRenderer batch, ProgressListener progress) {
    this.data = data;
    this.templates = templates;
    this.layout = layout;
    this.renderer = renderer;
    this.pages = new ArchiveRenderer(templates);
    this.batch = batch;
    this.progress = progress;
  }

  public PublishReport publish() throws IOException, InterruptedException {
    try (LockFile lock = LockFile.acquire(layout.publishLock(), "publish")) {
      return publishLocked();
    }
  }

  private PublishReport publishLocked() throws IOException, InterruptedException {
    Config config = data.config();
    InputFingerprint fingerprint = new InputFingerprint(data, templates);
    PublishManifest manifest = PublishManifest.load(manifestFile());
    SiteGenerations generations = new SiteGenerations(layout.site());
    Optional<Path> current = generations.current();

    Map<WeekId, String> inputs = new TreeMap<>();
    List<WeekId> toBuild = new ArrayList<>();
    List<WeekId> skipped = new ArrayList<>();
    for (WeekId week : fingerprint.weeks()) {
      String digest = fingerprint.of(week);
      inputs.put(week, digest);
      Optional<ArchiveEntry> previous = manifest.get(week);
      if (previous.isPresent() && previous.get().inputs().equals(digest) && filesPresent(previous.get(), current)) {
        skipped.add(week);
      } else {
        toBuild.add(week);
      }
    }
    List<WeekId> removed = manifest.entries().stream().map(ArchiveEntry::week)
        .filter(w -> !inputs.containsKey(w)).toList();

    Map<WeekId, ArchiveEntry> entries = new TreeMap<>();
    skipped.forEach(w -> entries.put(w, manifest.get(w).orElseThrow()));
    Map<WeekId, WeekFailure> failed = new TreeMap<>();
    List<WeekId> built = new ArrayList<>();
    Path staging = generations.stage();
    boolean committed = false;
    try {
      boolean[] changed = {false};
      for (ArchiveEntry kept : skipped.stream().map(entries::get).toList()) {
        if (kept.tlp() == Tlp.CLEAR) {
          keepFiles(kept, current.orElseThrow(), staging);
        }
      }
      progress.start("publish", toBuild.size());
      batch.run(toBuild, renderer, outcome -> {
        WeekId week = outcome.week();
        if (outcome.failure().isPresent()) {
          failed.put(week, WeekFailure.of(outcome.failure().get()));
          manifest.get(week).filter(old -> filesPresent(old, current)).ifPresent(old -> {
            entries.put(week, old);
            if (old.tlp() == Tlp.CLEAR) {
              uncheckedKeep(old, current.orElseThrow(), staging);
            }
          });
          progress.step(week, "failed");
          return;
        }
        EditionFiles files = outcome.files().orElseThrow();
        ArchiveEntry entry = ArchiveEntry.of(files.edition(), inputs.get(week), digests(files));
        changed[0] |= uncheckedPlace(week, files, current, staging);
        entries.put(week, entry);
        built.add(week);
        progress.step(week, "built");
      });
      progress.finish();

      List<ArchiveEntry> published = new ArrayList<>(entries.values());
      Checksums sums = new Checksums();
      for (ArchiveEntry entry : published) {
        if (entry.tlp() == Tlp.CLEAR && Files.isDirectory(staging.resolve(folder(entry.week())))) {
          entry.files().forEach((name, digest) -> sums.add(folder(entry.week()) + "/" + name, digest.sha256()));
        }
      }
      byte[] index = pages.index(published, config);
      byte[] feed = pages.feed(published, config);
      sums.add(OutputLayout.INDEX_FILE, Digests.sha256(index));
      sums.add(OutputLayout.FEED_FILE, Digests.sha256(feed));
      changed[0] |= SiteGenerations.place(staging.resolve(OutputLayout.INDEX_FILE), index, current.map(c -> c.resolve(OutputLayout.INDEX_FILE)));
      changed[0] |= SiteGenerations.place(staging.resolve(OutputLayout.FEED_FILE), feed, current.map(c -> c.resolve(OutputLayout.FEED_FILE)));
      changed[0] |= SiteGenerations.place(staging.resolve(OutputLayout.SUMS_FILE), sums.bytes(), current.map(c -> c.resolve(OutputLayout.SUMS_FILE)));
      changed[0] |= current.isEmpty() || !sameTree(current.get(), staging);

      Optional<Path> generation = Optional.empty();
      if (changed[0]) {
        generation = Optional.of(generations.commit(staging));
        committed = true;
        generations.prune();
      }
      for (WeekId week : removed) {
        manifest.get(week).filter(e -> e.tlp() != Tlp.CLEAR)
            .ifPresent(e -> uncheckedDelete(layout.weekFolder(week, e.tlp())));
      }
      PublishManifest.of(published).save(manifestFile());
      log.info("published: {} built, {} unchanged, {} failed, {} removed{}", built.size(), skipped.size(),
          failed.size(), removed.size(), generation.map(g -> " -> " + g.getFileName()).orElse(" (no change)"));
      return new PublishReport(built, skipped, failed, removed, generation);
    } finally {
      if (!committed) {
        generations.discard(staging);
      }
    }
  }

  private Path manifestFile() {
    return layout.publishManifest();
  }

  /**
   * Puts a rendered week where it belongs: a CLEAR edition into the staging generation, a stricter
   * one into {@code restricted/}, never into the public archive.
   */
  private boolean uncheckedPlace(WeekId week, EditionFiles files, Optional<Path> current, Path staging) {
    try {
      Tlp tlp = files.edition().tlp();
      boolean changed = false;
      if (tlp == Tlp.CLEAR) {
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
          String path = folder(week) + "/" + file.getKey();
          changed |= SiteGenerations.place(staging.resolve(path), file.getValue(), current.map(c -> c.resolve(path)));
        }
      } else {
        Path folder = layout.weekFolder(week, tlp);
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
          AtomicFiles.write(folder.resolve(file.getKey()), file.getValue());
        }
      }
      return changed;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + week + ": " + e.getMessage(), e);
    }
  }

  private void uncheckedKeep(ArchiveEntry entry, Path current, Path staging) {
    try {
      keepFiles(entry, current, staging);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void keepFiles(ArchiveEntry entry, Path current, Path staging) throws IOException {
    for (String name : entry.files().keySet()) {
      String path = folder(entry.week()) + "/" + name;
      SiteGenerations.keep(current.resolve(path), staging.resolve(path));
    }
  }

  private static void uncheckedDelete(Path folder) {
    try {
      SiteGenerations.deleteTree(folder);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", folder, e.getMessage());
    }
  }

  private boolean filesPresent(ArchiveEntry entry, Optional<Path> current) {
    Path folder;
    if (entry.tlp() == Tlp.CLEAR) {
      if (current.isEmpty()) {
        return false;
      }
      folder = current.get().resolve(folder(entry.week()));
    } else {
      folder = layout.weekFolder(entry.week(), entry.tlp());
    }
    for (Map.Entry<String, ArchiveEntry.FileDigest> file : entry.files().entrySet()) {
      Path path = folder.resolve(file.getKey());
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

  /** True if both folders hold the same paths (files compared by identity or content elsewhere). */
  private static boolean sameTree(Path a, Path b) throws IOException {
    return listing(a).equals(listing(b));
  }

  private static List<String> listing(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  private static Map<String, ArchiveEntry.FileDigest> digests(EditionFiles files) {
    Map<String, ArchiveEntry.FileDigest> digests = new LinkedHashMap<>();
    files.files().forEach((name, bytes) -> digests.put(name, new ArchiveEntry.FileDigest(bytes.length, Digests.sha256(bytes))));
    return digests;
  }

  private static String folder(WeekId week) {
    return OutputLayout.archivePath(week);
  }
}
