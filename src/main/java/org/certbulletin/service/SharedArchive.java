package org.certbulletin.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.store.ClusterFacts;

/**
 * The one output folder the nodes of a cluster share: its id, in {@code out/state/archive-id}, must
 * be the one the state database records, so that no node publishes into an archive of its own.
 */
final class SharedArchive {

  private static final String FACT = "archive";

  private SharedArchive() {}

  /**
   * Checks that {@code layout} is the cluster's archive, making it so if the cluster has none yet.
   *
   * @throws InvalidDataException if the cluster's nodes publish to another folder
   */
  static void check(ClusterFacts facts, OutputLayout layout, String configFile) throws IOException {
    Path marker = layout.archiveId();
    boolean known = facts.get(FACT).isPresent();
    String here = Files.isRegularFile(marker) ? read(marker) : known ? "" : claim(marker);
    String cluster = facts.agree(FACT, here);
    if (!cluster.equals(here)) {
      throw InvalidDataException.of(
          configFile,
          "the output folder "
              + layout.root().toAbsolutePath().normalize()
              + " is not the archive the other nodes of the cluster publish to ("
              + (here.isEmpty() ? "it has no " + marker : marker + " says " + here)
              + ", the cluster's archive is "
              + cluster
              + "); run every node with --out on the one shared folder (see docs/operator-guide.md,"
              + " \"Run several nodes (a cluster)\"). To make this folder the cluster's archive"
              + " instead, stop every node and delete the row 'archive' of the table cb_cluster");
    }
  }

  /**
   * Marks a folder new to the cluster with a new id, or reads the id a node starting at once wrote.
   */
  private static String claim(Path marker) throws IOException {
    Files.createDirectories(marker.getParent());
    String id = UUID.randomUUID().toString();
    try {
      Files.writeString(
          marker,
          id + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return id;
    } catch (FileAlreadyExistsException e) {
      return read(marker);
    }
  }

  private static String read(Path marker) throws IOException {
    return Files.readString(marker, StandardCharsets.UTF_8).strip();
  }
}
