package org.certbulletin.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.OpenPgpSettings;
import org.certbulletin.model.Problem;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.Keyring;
import tools.jackson.databind.JsonNode;

/**
 * The analysts' data folder: {@code config.json} and one {@code weeks/YYYY-Www.json} per week.
 * Every file is checked against its schema and rules when first read; one instance reads each file
 * at most once, so it describes the folder as it was when it was read.
 *
 * <p>The work is done by {@link DataFolder} (where the files are), {@link ConfiguredFiles} (the
 * files the configuration names), {@link CheckedDocuments} (reading and checking them) and {@link
 * EditionAssembly} (a bulletin's edition).
 */
public final class DataDirectory {

  private final DataFolder folder;
  private final ConfiguredFiles files;
  private final CheckedDocuments documents;
  private final EditionAssembly editions;

  public DataDirectory(Path root) {
    this(new DataFolder(root));
  }

  private DataDirectory(DataFolder folder) {
    this.folder = folder;
    this.files = new ConfiguredFiles(folder);
    this.documents = new CheckedDocuments(folder, files);
    this.editions = new EditionAssembly(folder, documents);
  }

  /**
   * The data as the archive and the mail see it when weeks must be approved or have a release time:
   * each week in {@code pinned} read from the content given (the version approved), not from its
   * file, which may have moved on since; each week in {@code hidden} left out, as if it had no file
   * (not approved, or not released yet). The configuration is read from its file.
   */
  public DataDirectory published(
      Map<WeekId, byte[]> pinned, Set<WeekId> hidden, Map<WeekId, PinnedVersion> versions) {
    return new DataDirectory(new DataFolder(folder.root(), pinned, hidden, versions));
  }

  /**
   * Which version of its week {@code id} is read as, where the review workflow numbers versions
   * (see {@link #published}); empty for a week read from its file.
   */
  public Optional<PinnedVersion> version(WeekId id) {
    return folder.version(id);
  }

  public Path root() {
    return folder.root();
  }

  public Path weekFile(WeekId id) {
    return folder.weekFile(id);
  }

  /** The folder of the week files. */
  public Path weeksFolder() {
    return folder.weeksFolder();
  }

  public Path configFile() {
    return folder.configFile();
  }

  /** The weeks that have a data file, oldest first. */
  public List<WeekId> weeks() {
    return folder.weeks();
  }

  /** Files in {@code weeks/} that will be ignored because their name is not a week. */
  public List<Path> strayFiles() {
    return folder.strayFiles();
  }

  /** The issuer's configuration, checked, as the edition in the main language reads it. */
  public Config config() {
    return documents.config();
  }

  /** The issuer's configuration as the edition in {@code language} reads it. */
  public Config config(Locale language) {
    return documents.config(language);
  }

  /**
   * A schedule that has no firing left after {@code now} (a date that does not exist, a year gone
   * by) would never publish: {@code validate} and the daemon's start report it. It is not a problem
   * of reading the configuration, so a daemon past a one-off firing still reads its data.
   */
  public Optional<Problem> scheduleEnded(Instant now) {
    return documents.scheduleEnded(now);
  }

  /**
   * The recipients of {@code list}, checked and without duplicates.
   *
   * @throws InvalidDataException naming every bad address by file and line
   */
  public List<String> recipients(DistributionList list) {
    int index = config().lists().indexOf(list);
    return files.recipients(
        list, documents.loadConfig().document(), "/lists/" + index + "/recipients");
  }

  /** One week's data, checked, as the edition in the main language reads it. */
  public Week week(WeekId id) {
    return documents.week(id, null);
  }

  /**
   * One week's data, checked, as the edition in {@code language} reads it: in a language the
   * bulletin is not written in (a list's), the main language's texts.
   */
  public Week week(WeekId id, Locale language) {
    return documents.week(id, language);
  }

  /**
   * The week with the weeks before it that its changes and trend charts need. An earlier week whose
   * file is invalid is left out (its changes show as unknown) and a warning names it, so one broken
   * week does not stop the weeks after it; once it is fixed, they are rendered again. An earlier
   * week that only lacks a translation still counts: its figures are all a later week uses.
   */
  public Bulletin bulletin(WeekId id) {
    return bulletin(id, config().mainLanguage());
  }

  /** The bulletin of week {@code id} in {@code language}, one of the bulletin's languages. */
  public Bulletin bulletin(WeekId id, Locale language) {
    return editions.bulletin(id, language);
  }

  /**
   * The earlier weeks a bulletin for {@code id} is made with: up to seven of those in {@code all},
   * the latest ones before it.
   */
  public static List<WeekId> history(WeekId id, List<WeekId> all) {
    return EditionAssembly.history(id, all);
  }

  /**
   * Where the edition in {@code language} of week {@code id} takes character {@code codePoint}
   * from: a problem saying {@code message} at each text of the week's file and of {@code
   * config.json} that holds it and reaches that edition; none if neither does (the character came
   * from the templates or messages).
   */
  public List<Problem> placesOf(WeekId id, Locale language, int codePoint, String message) {
    return documents.placesOf(id, language, codePoint, message);
  }

  /**
   * The texts of week {@code id}'s file that one of the bulletin's editions prints in another
   * language than its own (see {@link UntranslatedProse}), edition by edition.
   *
   * @throws InvalidDataException if the file or the configuration is invalid
   */
  public List<UntranslatedText> untranslatedProse(WeekId id) {
    return documents.untranslatedProse(id);
  }

  /** The texts of {@code config.json} that an edition prints in another language likewise. */
  public List<UntranslatedText> untranslatedConfigProse() {
    return documents.untranslatedConfigProse();
  }

  /**
   * The document of week {@code id} as its file has it (members in their order, texts in every
   * language), checked against the schema and rules; a copy the caller may change.
   *
   * @throws InvalidDataException if the file is missing or invalid
   */
  public JsonNode document(WeekId id) {
    return documents.document(id);
  }

  /** {@code tree} as the bytes of a data file, laid out as the sample's files are. */
  public static byte[] fileBytes(JsonNode tree) {
    return DataFileLayout.write(tree);
  }

  /**
   * Every problem of {@code tree} as the file of week {@code id} (schema, rules, translations),
   * checked as if it were on disk; lines and columns are those of {@link #fileBytes}.
   */
  public List<Problem> check(WeekId id, JsonNode tree) {
    return check(id, fileBytes(tree), weekFile(id).toString());
  }

  /**
   * Writes {@code tree} as the new file of week {@code id}, laid out as the sample's files are,
   * with the permissions of {@code modeOf}'s file (which readers of the folder already can read).
   * The document is checked first: nothing is written unless it passes the schema and rules.
   *
   * @throws InvalidDataException if the document does not pass
   * @throws java.nio.file.FileAlreadyExistsException if the week already has a file
   */
  public Path create(WeekId id, JsonNode tree, WeekId modeOf) throws IOException {
    return documents.create(id, tree, modeOf);
  }

  /**
   * True if the file of week {@code id} marks itself {@code "sample": true}, read without the
   * schema or rules (a missing, unreadable or broken file is not a sample), so that {@code status}
   * can tell the bundled sample from a CERT's own weeks without checking every file.
   */
  public boolean isSample(WeekId id) {
    return folder.isSample(id);
  }

  /**
   * The bytes of a file in the data folder as they are on disk, unchecked; empty if it is missing.
   */
  public Optional<byte[]> rawBytes(Path file) {
    return folder.rawBytes(file);
  }

  /**
   * Checks the configuration and the given weeks, returning every problem found rather than
   * stopping at the first.
   */
  public List<Problem> validate(Collection<WeekId> ids) {
    return documents.validate(ids);
  }

  /**
   * Every problem of {@code bytes} as the file of week {@code id}, named {@code name}: schema,
   * rules and translations, checked as if the file were on disk.
   *
   * @throws InvalidDataException if the bytes are not well-formed JSON
   */
  public List<Problem> check(WeekId id, byte[] bytes, String name) {
    return documents.check(id, bytes, name);
  }

  /** The week file of {@code id} as it is on disk, parsed but unchecked. */
  SourceDocument readWeekFile(WeekId id) {
    return documents.readWeekFile(id);
  }

  /** Forgets what was read of week {@code id}, after its file was rewritten. */
  void forget(WeekId id) {
    documents.forget(id);
  }

  /**
   * The certificate the CERT signs with, read from the key file {@code openpgp.public_key} names;
   * empty when the configuration does not sign.
   *
   * @throws InvalidDataException if the key file cannot be read or does not hold exactly one
   *     certificate
   */
  public Optional<Certificate> signingCertificate() {
    return documents.signingCertificate();
  }

  /**
   * The recipients' keys of {@code list}, from the keyring file its {@code keyring} member names;
   * empty when it has none.
   *
   * @throws InvalidDataException naming the file and what to do
   */
  public Optional<Keyring> keyring(DistributionList list) {
    return files.keyring(
        list,
        () ->
            config()
                .openpgp()
                .map(OpenPgpSettings::clockSkew)
                .orElse(OpenPgpSettings.DEFAULT_CLOCK_SKEW));
  }
}
