package org.certbulletin.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.model.Config;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Problem;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.Certificate;
import tools.jackson.databind.JsonNode;

/**
 * The data folder's documents, each checked against its schema and rules when first read: {@code
 * config.json} and the week files. One instance reads each file at most once, so it describes the
 * folder as it was when it was read.
 */
final class CheckedDocuments {

  private final DataFolder folder;
  private final ConfiguredFiles files;
  private final JsonDocumentReader reader = new JsonDocumentReader();
  private final SchemaCheck weekSchema = SchemaCheck.load("week");
  private final SchemaCheck configSchema = SchemaCheck.load("config");
  private final Map<WeekId, CheckedWeek> weeks = new ConcurrentHashMap<>();
  private volatile CheckedConfig config;

  CheckedDocuments(DataFolder folder, ConfiguredFiles files) {
    this.folder = folder;
    this.files = files;
  }

  /** The issuer's configuration, checked, as the edition in the main language reads it. */
  Config config() {
    return loadConfig().config(null);
  }

  /** The issuer's configuration as the edition in {@code language} reads it. */
  Config config(Locale language) {
    return loadConfig().config(language);
  }

  /** {@code config.json}, checked, with the certificate it signs with. */
  CheckedConfig loadConfig() {
    CheckedConfig loaded = config;
    if (loaded == null) {
      Path file = folder.configFile();
      SourceDocument document = reader.read(file, file.toString());
      CheckedDocument checked = configSchema.verdict(document);
      List<Problem> problems = new ArrayList<>(checked.schemaProblems());
      problems.addAll(ConfigRules.check(checked));
      if (checked.accepted("/languages") && checked.accepted("/issuer/language")) {
        problems.addAll(Translations.CONFIG.check(checked, DataMapper.languages(document.root())));
      }
      if (!problems.isEmpty()) {
        throw new InvalidDataException(problems);
      }
      loaded = new CheckedConfig(document, files.signingCertificate(document));
      config = loaded;
    }
    return loaded;
  }

  /** See {@link DataDirectory#scheduleEnded}. */
  Optional<Problem> scheduleEnded(Instant now) {
    Config loaded = config();
    SourceDocument document = loadConfig().document();
    return loaded
        .schedule()
        .filter(s -> s.firings().endsBefore(now))
        .map(
            s ->
                document.problem(
                    "/schedule/cron",
                    "'"
                        + s.cron()
                        + "' never fires after "
                        + now.truncatedTo(ChronoUnit.SECONDS)
                        + ", so nothing would be published; give a recurring time, e.g. 0 0 10 ?"
                        + " * WED"));
  }

  /**
   * The certificate the CERT signs with; empty when the configuration does not sign.
   *
   * @throws InvalidDataException if the configuration or its key file is invalid
   */
  Optional<Certificate> signingCertificate() {
    return loadConfig().certificate();
  }

  /**
   * One week's data, checked, as the edition in {@code language} ({@code null} for the main
   * language) reads it: in a language the bulletin is not written in, the main language's texts.
   */
  Week week(WeekId id, Locale language) {
    return translated(load(id)).week(language);
  }

  /** {@code loaded}, if each of its texts is given in every language of the bulletin. */
  private static CheckedWeek translated(CheckedWeek loaded) {
    if (!loaded.translationProblems().isEmpty()) {
      throw new InvalidDataException(loaded.translationProblems());
    }
    return loaded;
  }

  /**
   * Where the edition in {@code language} of week {@code id} takes character {@code codePoint}
   * from; see {@link DataDirectory#placesOf}.
   */
  List<Problem> placesOf(WeekId id, Locale language, int codePoint, String message) {
    List<Locale> languages = config().languages();
    List<Problem> places = new ArrayList<>();
    SourceDocument week = load(id).document();
    SourceDocument configuration = loadConfig().document();
    for (String pointer : PrintableCheck.places(week, "", codePoint, language, languages)) {
      places.add(week.problem(pointer, message));
    }
    // the configuration's printed texts: the issuer's and the tallies' labels
    for (String printed : List.of("/issuer", "/tallies")) {
      for (String pointer :
          PrintableCheck.places(configuration, printed, codePoint, language, languages)) {
        places.add(configuration.problem(pointer, message));
      }
    }
    return places;
  }

  /** The texts of week {@code id}'s file that an edition prints in another language. */
  List<UntranslatedText> untranslatedProse(WeekId id) {
    return UntranslatedProse.check(load(id).document(), Translations.WEEK, config().languages());
  }

  /** The texts of {@code config.json} that an edition prints in another language likewise. */
  List<UntranslatedText> untranslatedConfigProse() {
    List<Locale> languages = config().languages();
    return UntranslatedProse.check(loadConfig().document(), Translations.CONFIG, languages);
  }

  /** The checked document of week {@code id}, a copy the caller may change. */
  JsonNode document(WeekId id) {
    return load(id).document().root().deepCopy();
  }

  /**
   * Writes {@code tree} as the new file of week {@code id}; see {@link DataDirectory#create}.
   *
   * @throws InvalidDataException if the document does not pass
   * @throws java.nio.file.FileAlreadyExistsException if the week already has a file
   */
  Path create(WeekId id, JsonNode tree, WeekId modeOf) throws IOException {
    Path file = folder.weekFile(id);
    byte[] bytes = DataFileLayout.write(tree);
    List<Problem> problems = check(id, bytes, file.toString());
    if (!problems.isEmpty()) {
      throw new InvalidDataException(problems);
    }
    AtomicFiles.createNew(file, bytes, folder.weekFile(modeOf));
    return file;
  }

  /**
   * Checks the configuration and the given weeks, returning every problem found rather than
   * stopping at the first. A week is checked, not mapped to the model: mapping a checked file does
   * not fail, and making Jackson's readers of the week took much of the time of {@code validate}.
   */
  List<Problem> validate(Collection<WeekId> ids) {
    List<Problem> problems = new ArrayList<>();
    try {
      config();
    } catch (InvalidDataException e) {
      problems.addAll(e.problems());
    }
    for (WeekId id : ids) {
      try {
        translated(load(id));
      } catch (InvalidDataException e) {
        problems.addAll(e.problems());
      }
    }
    return problems;
  }

  /**
   * Every problem of {@code bytes} as the file of week {@code id}, named {@code name}: schema,
   * rules and translations, checked as if the file were on disk.
   *
   * @throws InvalidDataException if the bytes are not well-formed JSON
   */
  List<Problem> check(WeekId id, byte[] bytes, String name) {
    return problems(reader.parse(bytes, name), id).all();
  }

  /**
   * The problems of {@code document} as the file of week {@code id}: those of its schema, then
   * those of its rules in the parts the schema accepted, then its missing translations.
   */
  private WeekProblems problems(SourceDocument document, WeekId id) {
    CheckedDocument checked = weekSchema.verdict(document);
    List<Problem> invalid = new ArrayList<>(checked.schemaProblems());
    invalid.addAll(WeekRules.check(checked, id, catalogueIfValid(), languagesIfValid()));
    return new WeekProblems(invalid, Translations.WEEK.check(checked, languagesIfValid()));
  }

  /**
   * What is wrong with a week file: {@code invalid} (schema and rules) keeps it from being read;
   * {@code untranslated} keeps only its own editions from being built.
   */
  private record WeekProblems(List<Problem> invalid, List<Problem> untranslated) {

    List<Problem> all() {
      List<Problem> all = new ArrayList<>(invalid);
      all.addAll(untranslated);
      return all;
    }
  }

  /** The week file of {@code id} as it is on disk, parsed but unchecked. */
  SourceDocument readWeekFile(WeekId id) {
    return readWeek(id);
  }

  /** Week {@code id}'s document: its pinned content if it has some, else its file, unchecked. */
  private SourceDocument readWeek(WeekId id) {
    Path file = folder.weekFile(id);
    return folder
        .pinned(id)
        .map(bytes -> reader.parse(bytes, file.toString()))
        .orElseGet(() -> reader.read(file, file.toString()));
  }

  /**
   * {@code bytes} as the content of week {@code id} (an earlier version of it), checked; never
   * kept.
   *
   * @throws InvalidDataException if it does not pass
   */
  CheckedWeek loadContent(WeekId id, byte[] bytes, String name) {
    SourceDocument document = reader.parse(bytes, name);
    WeekProblems problems = problems(document, id);
    if (!problems.invalid().isEmpty()) {
      throw new InvalidDataException(problems.all());
    }
    return new CheckedWeek(document, languagesIfValid(), problems.untranslated());
  }

  /** Forgets what was read of week {@code id}, after its file was rewritten. */
  void forget(WeekId id) {
    weeks.remove(id);
  }

  /**
   * Week {@code id}'s file, read once and checked against its schema and rules; it may still lack
   * translations.
   *
   * @throws InvalidDataException if the file is missing or invalid
   */
  CheckedWeek load(WeekId id) {
    CheckedWeek cached = weeks.get(id);
    if (cached != null) {
      return cached;
    }
    SourceDocument document = readWeek(id);
    WeekProblems problems = problems(document, id);
    if (!problems.invalid().isEmpty()) {
      throw new InvalidDataException(problems.all());
    }
    CheckedWeek loaded = new CheckedWeek(document, languagesIfValid(), problems.untranslated());
    weeks.putIfAbsent(id, loaded);
    return loaded;
  }

  /**
   * The tallies the bulletin carries; empty while the configuration is invalid (which is reported
   * on its own), so that its tallies are not reported again as unknown in every week.
   */
  private Optional<TallyCatalogue> catalogueIfValid() {
    try {
      return Optional.of(config().catalogue());
    } catch (InvalidDataException e) {
      return Optional.empty();
    }
  }

  /**
   * The bulletin's languages; while the configuration is invalid (which is reported on its own),
   * the texts given by language are taken as they are.
   */
  private List<Locale> languagesIfValid() {
    try {
      return config().languages();
    } catch (InvalidDataException e) {
      return List.of();
    }
  }
}
