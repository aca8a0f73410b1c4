package org.certbulletin.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.certbulletin.model.Format;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/**
 * Every path under the output folder, named in one place. Only TLP:CLEAR editions go to {@code
 * site/}, the public archive; stricter editions go to {@code restricted/<tlp>/}, never published.
 * State files (manifest, locks, the embedded database) live in {@code state/}.
 */
public record OutputLayout(Path root) {

  /** The files of every edition, in an edition's folder. */
  public static final String HTML_FILE = Format.HTML.fileName();

  public static final String PDF_FILE = Format.PDF.fileName();
  public static final String JSON_FILE = "bulletin.json";

  /** The archive's own files, at the top of {@code site/}. */
  public static final String INDEX_FILE = "index.html";

  public static final String FEED_FILE = "feed.xml";
  public static final String SUMS_FILE = "SHA256SUMS";

  /** The detached OpenPGP signature of {@link #SUMS_FILE}. */
  public static final String SUMS_SIGNATURE_FILE = "SHA256SUMS.asc";

  /** The CERT's OpenPGP public key, published for readers to check signatures with. */
  public static final String KEY_FILE = "pgp-key.asc";

  /** What a detached signature of a file adds to its name. */
  public static final String SIGNATURE_SUFFIX = ".asc";

  private static final String H2_NAME = "cert-bulletin";

  public OutputLayout {
    Objects.requireNonNull(root, "root == null");
  }

  /** The public archive as readers see it: a link to the current generation. */
  public Path site() {
    return root.resolve("site");
  }

  /** State of the publisher and the scheduler: manifest, locks, database. */
  public Path state() {
    return root.resolve("state");
  }

  /** What the last publish produced, week by week. */
  public Path publishManifest() {
    return state().resolve("publish.json");
  }

  /** Held while anything writes editions or the archive. */
  public Path publishLock() {
    return state().resolve("publish.lock");
  }

  /** Held by the one daemon that may use this state folder. */
  public Path daemonLock() {
    return state().resolve("daemon.lock");
  }

  /**
   * The id of this output folder as a cluster's shared archive, the same as the state database's.
   */
  public Path archiveId() {
    return state().resolve("archive-id");
  }

  /** The embedded database's file name without H2's extension, as its JDBC URL names it. */
  public Path embeddedDatabase() {
    return state().toAbsolutePath().normalize().resolve(H2_NAME);
  }

  /** The embedded database's file: {@code state/cert-bulletin.mv.db}. */
  public Path embeddedDatabaseFile() {
    return state().resolve(H2_NAME + ".mv.db");
  }

  /** True once the embedded database has been created. */
  public boolean embeddedDatabaseExists() {
    return Files.exists(embeddedDatabaseFile());
  }

  /**
   * A list's rendered edition of one week, kept so that a send resumed after a crash sends the same
   * bytes without rendering again: {@code state/editions/2024-W51/public.edition}.
   */
  public Path editionCache(WeekId week, String list) {
    return state().resolve("editions").resolve(week.toString()).resolve(list + ".edition");
  }

  /** Messages written instead of sent (dry runs, no SMTP configured). */
  public Path outbox() {
    return root.resolve("outbox");
  }

  /** The outbox folder of one week's messages to one list. */
  public Path outbox(WeekId week, String list) {
    return outbox().resolve(week.toString()).resolve(list);
  }

  /**
   * The folder of one week's edition: {@code site/2024/W51} or {@code restricted/amber/2024/W51}.
   */
  public Path weekFolder(WeekId week, Tlp edition) {
    Path base = edition == Tlp.CLEAR ? site() : root.resolve("restricted").resolve(edition.slug());
    return base.resolve(archivePath(week));
  }

  /**
   * Where {@code build} writes a public edition once the archive is published, so that readers of
   * {@code site/} never see a week that the index, feed and checksums do not describe: {@code
   * preview/2024/W51}.
   */
  public Path previewFolder(WeekId week) {
    return previews().resolve(archivePath(week));
  }

  /** The folder of every preview {@code build} writes once the archive is published. */
  public Path previews() {
    return root.resolve("preview");
  }

  /**
   * A week's folder relative to the top of the archive, with forward slashes as in a URL: {@code
   * 2024/W51}.
   */
  public static String archivePath(WeekId week) {
    return String.format(Locale.ROOT, "%04d/W%02d", week.year(), week.week());
  }

  /**
   * The name of a file in {@code language}, for a bulletin whose main language is {@code main}: the
   * main language's file keeps the plain name ({@code bulletin.pdf}, {@code index.html}), another
   * language's has its tag before the extension ({@code bulletin.en.pdf}, {@code
   * index.zh-CN.html}), so that a bulletin that gains a language keeps every link it had.
   */
  public static String inLanguage(String file, Locale language, Locale main) {
    if (language.equals(main)) {
      return file;
    }
    int dot = file.lastIndexOf('.');
    return file.substring(0, dot) + "." + language.toLanguageTag() + file.substring(dot);
  }

  /**
   * A file of a week's edition relative to the top of the archive: {@code 2024/W51/bulletin.pdf}.
   */
  public static String archivePath(WeekId week, String file) {
    return archivePath(week) + "/" + file;
  }

  /**
   * The folder of an earlier version of a week, one a correction superseded, relative to the top of
   * the archive: {@code 2024/W51/v1}.
   */
  public static String versionPath(WeekId week, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + version);
    }
    return archivePath(week) + "/v" + version;
  }

  /** A file of an earlier version of a week: {@code 2024/W51/v1/bulletin.pdf}. */
  public static String versionPath(WeekId week, int version, String file) {
    return versionPath(week, version) + "/" + file;
  }

  /**
   * The folder of an earlier version of a week's edition: {@code site/2024/W51/v1} or {@code
   * restricted/amber/2024/W51/v1}.
   */
  public Path versionFolder(WeekId week, int version, Tlp edition) {
    Path base = edition == Tlp.CLEAR ? site() : root.resolve("restricted").resolve(edition.slug());
    return base.resolve(versionPath(week, version));
  }
}
