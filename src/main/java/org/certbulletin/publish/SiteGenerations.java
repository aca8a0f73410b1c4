package org.certbulletin.publish;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.certbulletin.files.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public archive as a series of complete generations: {@code out/site} is a symbolic link to
 * {@code out/site.d/gNNNNNN}. A publish assembles the next generation in a staging folder (hard
 * links for files that did not change, so they keep their modification times) and then switches the
 * link with one atomic rename. Readers see the old archive or the new one, never a mix; a publish
 * that fails or is killed leaves only a staging folder, removed by the next run.
 */
public final class SiteGenerations {

  private static final Logger log = LoggerFactory.getLogger(SiteGenerations.class);
  private static final String STAGING_PREFIX = ".staging-";

  private final Path site;
  private final Path generations;

  public SiteGenerations(Path site) {
    this.site = site.toAbsolutePath().normalize();
    this.generations = this.site.resolveSibling(this.site.getFileName() + ".d");
  }

  /** True once a publish has made {@code site} a link to a generation. */
  public boolean isPublished() {
    return Files.isSymbolicLink(site);
  }

  /** The folder readers see now, if anything has been published or built. */
  public Optional<Path> current() throws IOException {
    if (Files.isSymbolicLink(site)) {
      return Optional.of(site.resolveSibling(Files.readSymbolicLink(site)).normalize());
    }
    return Files.isDirectory(site) ? Optional.of(site) : Optional.empty();
  }

  /**
   * A new, empty staging folder for the next generation; leftovers of killed runs are removed
   * first.
   */
  public Path stage() throws IOException {
    Files.createDirectories(generations);
    removeStaging();
    return Files.createDirectory(generations.resolve(STAGING_PREFIX + UUID.randomUUID()));
  }

  /** Makes {@code staging} the archive readers see, atomically, and returns its final folder. */
  public Path commit(Path staging) throws IOException {
    adoptPlainFolder();
    Path target = generations.resolve(nextName());
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    Path link = site.resolveSibling("." + site.getFileName() + "-" + UUID.randomUUID());
    Files.createSymbolicLink(link, site.getParent().relativize(target));
    try {
      Files.move(link, site, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(link);
      throw e;
    }
    syncFolder(generations);
    syncFolder(site.getParent());
    return target;
  }

  /**
   * Flushes a folder's entries to disk where the platform allows it, so a switch survives a power
   * cut.
   */
  private static void syncFolder(Path folder) {
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("cannot flush folder {}: {}", folder, e.getMessage());
    }
  }

  /** Discards a staging folder that is not needed (nothing changed). */
  public void discard(Path staging) throws IOException {
    deleteTree(staging);
  }

  /** Removes every generation but the current one and the one before it. */
  public void prune() throws IOException {
    Optional<Path> current = current();
    List<Path> all = list();
    for (int i = 0; i < all.size() - 2; i++) {
      Path old = all.get(i);
      if (current.isEmpty() || !old.equals(current.get())) {
        deleteTree(old);
      }
    }
  }

  /**
   * Puts a file into the staging folder: a hard link to the same file of the current generation
   * when its bytes are identical (so its modification time stays), otherwise the new bytes.
   *
   * @return true if the bytes are new
   */
  static boolean place(Path staged, byte[] bytes, Optional<Path> previous) throws IOException {
    Files.createDirectories(staged.getParent());
    if (previous.isPresent() && AtomicFiles.sameBytes(previous.get(), bytes)) {
      link(previous.get(), staged);
      return false;
    }
    AtomicFiles.writePublic(staged, bytes);
    return true;
  }

  /** Puts an existing file of the current generation into the staging folder unchanged. */
  static void keep(Path previous, Path staged) throws IOException {
    Files.createDirectories(staged.getParent());
    link(previous, staged);
  }

  private static void link(Path existing, Path staged) throws IOException {
    try {
      Files.createLink(staged, existing);
    } catch (UnsupportedOperationException | IOException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw (IOException) e;
      }
      Files.copy(existing, staged, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** A real folder at {@code out/site} (from {@code build}) becomes the first generation. */
  private void adoptPlainFolder() throws IOException {
    if (Files.isDirectory(site, LinkOption.NOFOLLOW_LINKS)) {
      Path adopted = generations.resolve(nextName());
      log.info("moving {} to {} to publish by generations", site, adopted);
      try {
        Files.move(site, adopted, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(site, adopted);
      }
      Files.createSymbolicLink(site, site.getParent().relativize(adopted));
    }
  }

  private String nextName() throws IOException {
    int last =
        list().stream()
            .map(p -> p.getFileName().toString().substring(1))
            .mapToInt(Integer::parseInt)
            .max()
            .orElse(0);
    return String.format(Locale.ROOT, "g%06d", last + 1);
  }

  private List<Path> list() throws IOException {
    if (!Files.isDirectory(generations)) {
      return List.of();
    }
    List<Path> all = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(generations, "g[0-9][0-9][0-9][0-9][0-9][0-9]")) {
      stream.forEach(all::add);
    }
    all.sort(Comparator.comparing(Path::toString));
    return all;
  }

  private void removeStaging() throws IOException {
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(generations, STAGING_PREFIX + "*")) {
      for (Path leftover : stream) {
        log.info("removing {} left by an interrupted publish", leftover);
        deleteTree(leftover);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
