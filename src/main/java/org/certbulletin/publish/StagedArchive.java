package org.certbulletin.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.certbulletin.files.AtomicFolder;
import org.certbulletin.files.Digests;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Revision;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next generation of the public archive while a publish assembles it: kept editions are hard
 * links to the current generation, new ones are written, and it replaces the current one only if
 * something changed. Editions above TLP:CLEAR never enter it; they are written to {@code
 * restricted/}. Closing it without {@link #commitIfChanged} discards it.
 */
final class StagedArchive implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StagedArchive.class);

  /** What a publish writes: week folders, the index, the feed and the checksums. */
  private static final Pattern MANAGED =
      Pattern.compile(
          "[0-9]{4}/W[0-9]{2}/.*|index(\\.[A-Za-z0-9-]+)?\\.html|feed(\\.[A-Za-z0-9-]+)?\\.xml"
              + "|SHA256SUMS|SHA256SUMS\\.asc|pgp-key\\.asc");

  private final OutputLayout layout;
  private final SiteGenerations generations;
  private final Optional<Path> current;
  private final Path staging;
  private final Checksums sums = new Checksums();
  private boolean changed;
  private boolean committed;

  private StagedArchive(
      OutputLayout layout, SiteGenerations generations, Optional<Path> current, Path staging) {
    this.layout = layout;
    this.generations = generations;
    this.current = current;
    this.staging = staging;
  }

  /** Starts the next generation beside {@code current}, the generation readers see now. */
  static StagedArchive begin(OutputLayout layout, Optional<Path> current) throws IOException {
    SiteGenerations generations = new SiteGenerations(layout.site());
    return new StagedArchive(layout, generations, current, generations.stage());
  }

  /** Carries a published edition over unchanged. */
  void keep(ArchiveEntry entry) {
    if (entry.tlp() != Tlp.CLEAR) {
      return;
    }
    try {
      for (String name : entry.files().keySet()) {
        String path = OutputLayout.archivePath(entry.week(), name);
        SiteGenerations.keep(current.orElseThrow().resolve(path), staging.resolve(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + entry.week() + ": " + e.getMessage(), e);
    }
    addSums(entry);
  }

  /**
   * Puts a newly rendered edition, version {@code revision} of its week where the review workflow
   * numbers versions, where it belongs and returns its archive entry: a correction's entry carries
   * when it was corrected, which the feed shows as the entry's update.
   */
  ArchiveEntry place(EditionFiles files, String inputs, Optional<Revision> revision) {
    WeekId week = files.edition().id();
    ArchiveEntry entry = ArchiveEntry.of(files.edition(), revision, inputs, digests(files));
    try {
      if (entry.tlp() == Tlp.CLEAR) {
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
          changed |= placeFile(OutputLayout.archivePath(week, file.getKey()), file.getValue());
        }
        addSums(entry);
      } else {
        AtomicFolder.replace(layout.weekFolder(week, entry.tlp()), files.files(), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + week + ": " + e.getMessage(), e);
    }
    return entry;
  }

  /** Carries an earlier version of a corrected week over unchanged. */
  void keep(ArchivedVersion version) {
    if (version.tlp() != Tlp.CLEAR) {
      return;
    }
    try {
      for (String name : version.files().keySet()) {
        String path = version.path(name);
        SiteGenerations.keep(current.orElseThrow().resolve(path), staging.resolve(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep " + version.week() + " version " + version.version() + ": " + e.getMessage(),
          e);
    }
    addSums(version);
  }

  /**
   * Puts a newly rendered earlier version of a corrected week at its own address ({@code
   * 2024/W51/v1/}) and returns what the manifest keeps of it.
   */
  ArchivedVersion place(SupersededVersion superseded, EditionFiles files) {
    WeekId week = superseded.week();
    Tlp tlp = files.edition().tlp();
    ArchivedVersion version =
        new ArchivedVersion(week, superseded.version(), tlp, superseded.inputs(), digests(files));
    try {
      if (tlp == Tlp.CLEAR) {
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
          changed |= placeFile(version.path(file.getKey()), file.getValue());
        }
        addSums(version);
      } else {
        AtomicFolder.replace(
            layout.versionFolder(week, superseded.version(), tlp), files.files(), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + week + " version " + superseded.version() + ": " + e.getMessage(), e);
    }
    return version;
  }

  private static Map<String, ArchiveEntry.FileDigest> digests(EditionFiles files) {
    Map<String, ArchiveEntry.FileDigest> digests = new LinkedHashMap<>();
    files
        .files()
        .forEach(
            (name, bytes) ->
                digests.put(
                    name, new ArchiveEntry.FileDigest(bytes.length, Digests.sha256(bytes))));
    return digests;
  }

  /**
   * Writes the archive's own files (an index and a feed per language, the public key) and {@code
   * SHA256SUMS} of everything kept and placed, signed by {@code signer} when there is one. An
   * unchanged {@code SHA256SUMS} keeps its signature, so a publish that changes nothing changes no
   * byte.
   */
  void finish(Map<String, byte[]> top, Optional<SigningKey> signer) throws IOException {
    for (Map.Entry<String, byte[]> file : top.entrySet()) {
      sums.add(file.getKey(), Digests.sha256(file.getValue()));
      changed |= placeFile(file.getKey(), file.getValue());
    }
    byte[] checksums = sums.bytes();
    changed |= placeFile(OutputLayout.SUMS_FILE, checksums);
    if (signer.isPresent()) {
      Optional<Path> kept = current.map(c -> c.resolve(OutputLayout.SUMS_SIGNATURE_FILE));
      if (kept.isPresent() && Files.isRegularFile(kept.get()) && sameBytes(checksums)) {
        SiteGenerations.keep(kept.get(), staging.resolve(OutputLayout.SUMS_SIGNATURE_FILE));
      } else {
        changed |=
            placeFile(OutputLayout.SUMS_SIGNATURE_FILE, signer.get().detachedSignature(checksums));
      }
    }
  }

  /** Whether the current generation's {@code SHA256SUMS} holds exactly {@code checksums}. */
  private boolean sameBytes(byte[] checksums) throws IOException {
    Path sumsFile = current.orElseThrow().resolve(OutputLayout.SUMS_FILE);
    return Files.isRegularFile(sumsFile) && Arrays.equals(Files.readAllBytes(sumsFile), checksums);
  }

  /**
   * Makes the staged generation the one readers see, if it differs from the current one.
   *
   * @return the new generation's folder, or empty if nothing changed
   */
  Optional<Path> commitIfChanged() throws IOException {
    keepHandPlacedFiles();
    if (!changed && current.isPresent() && listing(current.get()).equals(listing(staging))) {
      return Optional.empty();
    }
    Path generation = generations.commit(staging);
    committed = true;
    generations.prune();
    return Optional.of(generation);
  }

  /**
   * Files someone put into the archive by hand (a {@code robots.txt}, a {@code .well-known/} file)
   * are carried into the next generation and named in the log: a publish manages the week folders,
   * the index, the feed and the checksums, and leaves the rest alone.
   */
  private void keepHandPlacedFiles() throws IOException {
    if (current.isEmpty()) {
      return;
    }
    Path from = current.get();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String path = from.relativize(file).toString().replace('\\', '/');
        if (MANAGED.matcher(path).matches() || Files.exists(staging.resolve(path))) {
          continue;
        }
        SiteGenerations.keep(file, staging.resolve(path));
        log.info("kept {}, which is not one of the archive's own files", path);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      generations.discard(staging);
    }
  }

  private boolean placeFile(String path, byte[] bytes) throws IOException {
    return SiteGenerations.place(staging.resolve(path), bytes, current.map(c -> c.resolve(path)));
  }

  private void addSums(ArchiveEntry entry) {
    entry
        .files()
        .forEach(
            (name, digest) ->
                sums.add(OutputLayout.archivePath(entry.week(), name), digest.sha256()));
  }

  private void addSums(ArchivedVersion version) {
    version.files().forEach((name, digest) -> sums.add(version.path(name), digest.sha256()));
  }

  private static List<String> listing(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
