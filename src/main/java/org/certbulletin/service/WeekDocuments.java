package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.files.Digests;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Problem;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The week files as documents other programs read and replace: each with an entity tag (the digest
 * of its bytes), so that two editors cannot overwrite each other's changes. A document is checked
 * exactly as {@code validate} checks a file before anything is written, and written whole.
 */
public final class WeekDocuments {

  /** One week file as it is on disk. */
  @SuppressWarnings("ArrayRecordComponent") // the file's bytes; never compared or hashed
  public record Document(WeekId week, byte[] bytes, String etag) {}

  /** A week of the data folder and whether its file passes the checks. */
  public record WeekState(WeekId week, String etag, boolean sample, int problems) {}

  /**
   * What a replace did: the new tag, whether the week had no file before, and what the change did
   * to the week's review (sent an approved version back to draft, started a correction), if
   * anything.
   */
  public record Saved(WeekId week, String etag, boolean created, Optional<String> review) {}

  private static final Logger log = LoggerFactory.getLogger(WeekDocuments.class);

  private final Workspace workspace;
  private final Supplier<ReviewDesk> reviews;

  /**
   * Held while this process changes a week file: two editors here wait their turn, so the second
   * learns that the file changed (a conflict) rather than that it is busy. The lock file still
   * keeps other processes out.
   */
  private final Object changing = new Object();

  /** The week files of {@code workspace}, whose changes no review follows. */
  public WeekDocuments(Workspace workspace) {
    this(workspace, null);
  }

  /** The week files of {@code workspace}, each change recorded in the week's review. */
  WeekDocuments(Workspace workspace, Supplier<ReviewDesk> reviews) {
    this.workspace = workspace;
    this.reviews = reviews;
  }

  /** What a change by {@code editor} to {@code bytes} did to the week's review. */
  private Optional<String> reviewed(Principal editor, WeekId week, byte[] bytes) {
    if (reviews == null) {
      return Optional.empty();
    }
    try {
      return reviews.get().edited(week, editor, bytes);
    } catch (RuntimeException e) {
      log.error("cannot record the edit of {} by {}: {}", week, editor.actor(), e.getMessage());
      return Optional.empty();
    }
  }

  /** Every week of the data folder, oldest first, each with its tag and count of problems. */
  public List<WeekState> list() {
    DataDirectory data = data();
    List<WeekState> weeks = new ArrayList<>();
    for (WeekId id : data.weeks()) {
      Optional<byte[]> bytes = data.rawBytes(data.weekFile(id));
      if (bytes.isEmpty()) {
        continue;
      }
      weeks.add(
          new WeekState(
              id, etag(bytes.get()), data.isSample(id), data.validate(List.of(id)).size()));
    }
    return weeks;
  }

  /**
   * The file of {@code week} as it is on disk.
   *
   * @throws ServiceFailure.NotFound if the week has no file
   * @throws ServiceFailure.Forbidden if the file holds content marked above the reader's clearance
   */
  public Document get(Principal reader, WeekId week) {
    DataDirectory data = data();
    byte[] bytes =
        data.rawBytes(data.weekFile(week))
            .orElseThrow(() -> new ServiceFailure.NotFound("week " + week + " has no data file"));
    requireCleared(reader, week, highestMarking(bytes));
    return new Document(week, bytes, etag(bytes));
  }

  /**
   * The most restricted TLP label anywhere in a week file (the week's own, a highlight's, an
   * advisory's): who may not read that may not read the file. A file that cannot be read counts as
   * {@code RED}.
   */
  static Tlp highestMarking(byte[] bytes) {
    try {
      JsonNode week = JsonMapping.mapper().readTree(bytes);
      Tlp highest = label(week.get("tlp"));
      // the labels the format has: the week's, each highlight's and each advisory's (an imported
      // advisory's provenance has a digest under the key "tlp" too: not a label)
      for (String items : List.of("highlights", "advisories")) {
        for (JsonNode item : week.path(items)) {
          highest = highest.max(label(item.get("tlp")));
        }
      }
      return highest;
    } catch (JacksonException | IllegalArgumentException e) {
      return Tlp.RED;
    }
  }

  /** A label where the format has one: none is CLEAR, one that is not a label counts as RED. */
  private static Tlp label(JsonNode label) {
    if (label == null || label.isNull()) {
      return Tlp.CLEAR;
    }
    return label.isString() ? Tlp.fromCode(label.asString()) : Tlp.RED;
  }

  private static void requireCleared(Principal who, WeekId week, Tlp marking) {
    if (!who.cleared(marking)) {
      throw new ServiceFailure.Forbidden(
          "the file of week "
              + week
              + " holds content marked "
              + marking.label()
              + ", above your clearance ("
              + who.clearance().label()
              + ")");
    }
  }

  /**
   * Replaces (or creates) the file of {@code week} with {@code bytes} once they pass every check
   * {@code validate} makes. A replace must name the tag of the file it replaces; a create must say
   * that it expects no file ({@code *} as {@code ifNoneMatch}) or name no tag at all.
   *
   * @param source how problems name the document ({@code PUT /api/weeks/2024-W51})
   * @param ifMatch the tag the caller read, when it replaces a file
   * @throws ServiceFailure.BadInput with the problems of the document, located in {@code bytes}
   * @throws ServiceFailure.Conflict if the file changed since the caller read it, or exists when
   *     the caller meant to create it
   * @throws ServiceFailure.Busy if another process is writing a week file
   * @throws ServiceFailure.Forbidden if the new file or the one it replaces holds content marked
   *     above the editor's clearance
   */
  @SuppressWarnings("try") // the lock is held by being open
  public Saved put(
      Principal editor, WeekId week, byte[] bytes, String source, Optional<String> ifMatch) {
    DataDirectory data = data();
    List<Problem> problems;
    try {
      problems = data.check(week, bytes, source);
    } catch (InvalidDataException e) {
      problems = e.problems();
    }
    if (!problems.isEmpty()) {
      throw new ServiceFailure.BadInput(
          source + " has " + problems.size() + " problem(s); fix them and send it again",
          forClients(workspace.data(), problems));
    }
    requireCleared(editor, week, highestMarking(bytes));
    synchronized (changing) {
      try (LockFile lock =
          LockFile.acquire(
              new OutputLayout(workspace.out()).state().resolve("week-files.lock"),
              "change of a week file")) {
        Optional<byte[]> current = data.rawBytes(data.weekFile(week));
        if (current.isPresent()) {
          requireCleared(editor, week, highestMarking(current.get()));
          String tag = etag(current.get());
          if (ifMatch.isEmpty()) {
            throw new ServiceFailure.Conflict(
                "week "
                    + week
                    + " has a file already; read it first and send its ETag in If-Match");
          }
          if (!ifMatch.get().equals(tag)) {
            throw new ServiceFailure.Conflict(
                "week "
                    + week
                    + " changed since it was read (its ETag is now "
                    + tag
                    + "); read it again and merge your changes");
          }
          AtomicFiles.replace(data.weekFile(week), bytes);
          return new Saved(week, etag(bytes), false, reviewed(editor, week, bytes));
        }
        if (ifMatch.isPresent()) {
          throw new ServiceFailure.Conflict(
              "week " + week + " has no file to replace; send it without If-Match to create it");
        }
        AtomicFiles.createNew(data.weekFile(week), bytes, data.configFile());
        return new Saved(week, etag(bytes), true, reviewed(editor, week, bytes));
      } catch (LockHeldException e) {
        throw new ServiceFailure.Busy(
            "another change of a week file is under way; try again in a moment", e);
      } catch (FileAlreadyExistsException e) {
        throw new ServiceFailure.Conflict(
            "week " + week + " was created meanwhile; read it and send your change with If-Match");
      } catch (IOException e) {
        throw new ServiceFailure.Failed("cannot write the file of week " + week + ": " + e, e);
      }
    }
  }

  /**
   * {@code problems} as a client may see them: a file of the data folder named from the folder
   * ({@code data/weeks/2024-W51.json}), not from where it lies on the server's disk.
   */
  public List<Problem> forClients(List<Problem> problems) {
    return forClients(workspace.data(), problems);
  }

  static List<Problem> forClients(Path data, List<Problem> problems) {
    Path folder = data.toAbsolutePath().normalize();
    Path shownFrom = folder.getParent() == null ? folder : folder.getParent();
    List<Problem> shown = new ArrayList<>();
    for (Problem problem : problems) {
      String file = problem.file();
      try {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (path.startsWith(folder)) {
          file = shownFrom.relativize(path).toString().replace('\\', '/');
        }
      } catch (InvalidPathException e) {
        // not a path ("PUT /api/weeks/2024-W51", "request"): shown as it is
      }
      shown.add(new Problem(file, problem.location(), problem.pointer(), problem.message()));
    }
    return shown;
  }

  /** {@code tree} as the bytes of a week file, laid out as the sample's files are. */
  public static byte[] fileBytes(tools.jackson.databind.JsonNode tree) {
    return DataDirectory.fileBytes(tree);
  }

  /** A strong entity tag of a file's bytes, quoted as HTTP writes it. */
  public static String etag(byte[] bytes) {
    return "\"" + Digests.sha256(bytes) + "\"";
  }

  /** The data folder as it is now: files may have changed since the last request. */
  private DataDirectory data() {
    return new DataDirectory(workspace.data());
  }
}
