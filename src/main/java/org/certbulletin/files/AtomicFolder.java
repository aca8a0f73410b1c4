package org.certbulletin.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Replaces a folder's files as one: the new set is assembled in a sibling folder (unchanged files
 * as hard links, so they keep their modification times; new bytes written and flushed), and the
 * folders are switched by renames. A failure while assembling (a full disk, say) leaves the old
 * folder as it was; readers never see some files new and others old. A process killed between the
 * two renames leaves the folder absent (the old one beside it, hidden), never mixed; the next
 * replacement cleans up.
 */
public final class AtomicFolder {

  /** Which files were written and which were already as they should be. */
  public record Outcome(List<Path> written, List<Path> unchanged) {

    public Outcome {
      written = List.copyOf(written);
      unchanged = List.copyOf(unchanged);
    }
  }

  private AtomicFolder() {}

  /**
   * Makes {@code folder} hold exactly {@code files} (name to bytes). Nothing is touched when it
   * already does.
   *
   * @param readable true for the public archive ({@code rw-r--r--}), false for owner-only files
   */
  public static Outcome replace(Path folder, Map<String, byte[]> files, boolean readable)
      throws IOException {
    Path target = folder.toAbsolutePath().normalize();
    Path parent = parentOf(target);
    Files.createDirectories(parent);
    removeLeftovers(parent, target.getFileName().toString());
    List<Path> written = new ArrayList<>();
    List<Path> unchanged = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path existing = target.resolve(file.getKey());
      (AtomicFiles.sameBytes(existing, file.getValue()) ? unchanged : written)
          .add(folder.resolve(file.getKey()));
    }
    if (written.isEmpty() && names(target).equals(files.keySet())) {
      return new Outcome(written, unchanged);
    }
    Path staging = parent.resolve("." + target.getFileName() + ".new-" + UUID.randomUUID());
    try {
      Files.createDirectory(staging);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path existing = target.resolve(file.getKey());
        Path staged = staging.resolve(file.getKey());
        if (AtomicFiles.sameBytes(existing, file.getValue())) {
          Files.createLink(staged, existing);
        } else if (readable) {
          AtomicFiles.writePublic(staged, file.getValue());
        } else {
          AtomicFiles.write(staged, file.getValue());
        }
      }
      sync(staging);
      switchTo(staging, target);
    } finally {
      deleteTree(staging);
    }
    return new Outcome(written, unchanged);
  }

  /** The folder holding {@code target}, where its staging copy is made and switched in. */
  private static Path parentOf(Path target) {
    Path parent = target.getParent();
    if (parent == null) {
      throw new IllegalArgumentException(
          target + " is a file system's root: name a folder inside one to replace");
    }
    return parent;
  }

  private static void switchTo(Path staging, Path target) throws IOException {
    Path parent = parentOf(target);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Path old = parent.resolve("." + target.getFileName() + ".old-" + UUID.randomUUID());
      move(target, old);
      move(staging, target);
      sync(parent);
      deleteTree(old);
    } else {
      move(staging, target);
      sync(parent);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /**
   * Staging and old folders a killed process left beside {@code name}; an absent folder comes back.
   */
  private static void removeLeftovers(Path parent, String name) throws IOException {
    Path target = parent.resolve(name);
    try (Stream<Path> siblings = Files.list(parent)) {
      for (Path sibling : siblings.toList()) {
        String other = sibling.getFileName().toString();
        if (other.startsWith("." + name + ".old-") && !Files.exists(target)) {
          move(sibling, target);
        } else if (other.startsWith("." + name + ".new-")
            || other.startsWith("." + name + ".old-")) {
          deleteTree(sibling);
        }
      }
    }
  }

  private static Set<String> names(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Set.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static void sync(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot flush a folder; the renames are still atomic
    }
  }

  private static void deleteTree(Path root) throws IOException {
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
