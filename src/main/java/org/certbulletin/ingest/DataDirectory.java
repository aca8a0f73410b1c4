package org.certbulletin.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Config;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Issuer;
import org.certbulletin.model.OpenPgpSettings;
import org.certbulletin.model.Problem;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.TallyCatalogue;
import org.certbulletin.model.UntranslatedText;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.Certificate;
import org.certbulletin.pgp.KeyFiles;
import org.certbulletin.pgp.Keyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The analysts' data folder: {@code config.json} and one {@code weeks/YYYY-Www.json} per week.
 * Every file is checked against its schema and rules when first read; one instance reads each file
 * at most once, so it describes the folder as it was when it was read.
 */
public final class DataDirectory {

  private static final String WEEK_FILE = "[0-9]{4}-W[0-9]{2}\\.json";

  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

  private final Path root;
  private final JsonDocumentReader reader = new JsonDocumentReader();
  private final SchemaCheck weekSchema = SchemaCheck.load("week");
  private final SchemaCheck configSchema = SchemaCheck.load("config");
  private final Map<WeekId, Loaded> weeks = new ConcurrentHashMap<>();
  private volatile LoadedConfig config;
  private volatile SourceDocument configDocument;

  public DataDirectory(Path root) {
    this.root = Objects.requireNonNull(root, "root == null");
  }

  public Path root() {
    return root;
  }

  public Path weekFile(WeekId id) {
    return root.resolve("weeks").resolve(id + ".json");
  }

  /** The folder of the week files. */
  public Path weeksFolder() {
    return root.resolve("weeks");
  }

  public Path configFile() {
    return root.resolve("config.json");
  }

  /** The weeks that have a data file, oldest first. */
  public List<WeekId> weeks() {
    Path folder = root.resolve("weeks");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.matches(WEEK_FILE))
          .map(name -> parseOrNull(name.substring(0, name.length() - ".json".length())))
          .filter(Objects::nonNull)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** Files in {@code weeks/} that will be ignored because their name is not a week. */
  public List<Path> strayFiles() {
    Path folder = root.resolve("weeks");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(
              f ->
                  !f.getFileName().toString().matches(WEEK_FILE)
                      || parseOrNull(f.getFileName().toString().replace(".json", "")) == null)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The issuer's configuration, checked, as the edition in the main language reads it. */
  public Config config() {
    return loadConfig().config(null);
  }

  /** The issuer's configuration as the edition in {@code language} reads it. */
  public Config config(Locale language) {
    return loadConfig().config(language);
  }

  private LoadedConfig loadConfig() {
    LoadedConfig loaded = config;
    if (loaded == null) {
      SourceDocument document = reader.read(configFile(), configFile().toString());
      CheckedDocument checked = configSchema.verdict(document);
      List<Problem> problems = new ArrayList<>(checked.schemaProblems());
      problems.addAll(ConfigRules.check(checked));
      if (checked.accepted("/languages") && checked.accepted("/issuer/language")) {
        problems.addAll(Translations.CONFIG.check(checked, DataMapper.languages(document.root())));
      }
      if (!problems.isEmpty()) {
        throw new InvalidDataException(problems);
      }
      loaded = new LoadedConfig(document, signingCertificate(document));
      configDocument = document;
      config = loaded;
    }
    return loaded;
  }

  /**
   * A schedule that has no firing left after {@code now} (a date that does not exist, a year gone
   * by) would never publish: {@code validate} and the daemon's start report it. It is not a problem
   * of reading the configuration, so a daemon past a one-off firing still reads its data.
   */
  public Optional<Problem> scheduleEnded(Instant now) {
    Config loaded = config();
    return loaded
        .schedule()
        .filter(s -> s.firings().endsBefore(now))
        .map(
            s ->
                configDocument.problem(
                    "/schedule/cron",
                    "'"
                        + s.cron()
                        + "' never fires after "
                        + now.truncatedTo(ChronoUnit.SECONDS)
                        + ", so nothing would be published; give a recurring time, e.g. 0 0 10 ?"
                        + " * WED"));
  }

  /**
   * The recipients of {@code list}, checked and without duplicates.
   *
   * @throws InvalidDataException naming every bad address by file and line
   */
  public List<String> recipients(org.certbulletin.model.DistributionList list) {
    int index = config().lists().indexOf(list);
    return RecipientsReader.read(list, root, configDocument, "/lists/" + index + "/recipients");
  }

  /** One week's data, checked, as the edition in the main language reads it. */
  public Week week(WeekId id) {
    return translated(load(id)).week(null);
  }

  /**
   * One week's data, checked, as the edition in {@code language} reads it: in a language the
   * bulletin is not written in (a list's), the main language's texts.
   */
  public Week week(WeekId id, Locale language) {
    return translated(load(id)).week(language);
  }

  /** {@code loaded}, if each of its texts is given in every language of the bulletin. */
  private static Loaded translated(Loaded loaded) {
    if (!loaded.translationProblems.isEmpty()) {
      throw new InvalidDataException(loaded.translationProblems);
    }
    return loaded;
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
    Week week = week(id, language);
    List<Week> history = new ArrayList<>();
    for (WeekId earlier : history(id, weeks())) {
      try {
        history.add(load(earlier).week(language));
      } catch (InvalidDataException e) {
        log.warn(
            "{} is built without {}, which is invalid ({} problem(s); run {} validate {})",
            id,
            earlier,
            e.problems().size(),
            ProgramName.COMMAND,
            earlier);
      }
    }
    Optional<Week> previous =
        history.stream().filter(w -> w.id().equals(id.previous())).findFirst();
    return new Bulletin(week, previous, history, config(language));
  }

  /**
   * The earlier weeks a bulletin for {@code id} is made with: up to seven of those in {@code all},
   * the latest ones before it.
   */
  public static List<WeekId> history(WeekId id, List<WeekId> all) {
    List<WeekId> earlier = all.stream().filter(w -> w.compareTo(id) < 0).sorted().toList();
    return earlier.subList(
        Math.max(0, earlier.size() - (Bulletin.TREND_WEEKS - 1)), earlier.size());
  }

  /**
   * Where the edition in {@code language} of week {@code id} takes character {@code codePoint}
   * from: a problem saying {@code message} at each text of the week's file and of {@code
   * config.json} that holds it and reaches that edition; none if neither does (the character came
   * from the templates or messages).
   */
  public List<Problem> placesOf(WeekId id, Locale language, int codePoint, String message) {
    List<Locale> languages = config().languages();
    List<Problem> places = new ArrayList<>();
    SourceDocument week = load(id).document;
    SourceDocument config = loadConfig().document;
    for (String pointer : PrintableCheck.places(week, "", codePoint, language, languages)) {
      places.add(week.problem(pointer, message));
    }
    // the configuration's printed texts: the issuer's and the tallies' labels
    for (String printed : List.of("/issuer", "/tallies")) {
      for (String pointer :
          PrintableCheck.places(config, printed, codePoint, language, languages)) {
        places.add(config.problem(pointer, message));
      }
    }
    return places;
  }

  /**
   * The texts of week {@code id}'s file that one of the bulletin's editions prints in another
   * language than its own (see {@link UntranslatedProse}), edition by edition.
   *
   * @throws InvalidDataException if the file or the configuration is invalid
   */
  public List<UntranslatedText> untranslatedProse(WeekId id) {
    return UntranslatedProse.check(load(id).document, Translations.WEEK, config().languages());
  }

  /** The texts of {@code config.json} that an edition prints in another language likewise. */
  public List<UntranslatedText> untranslatedConfigProse() {
    List<Locale> languages = config().languages();
    return UntranslatedProse.check(loadConfig().document, Translations.CONFIG, languages);
  }

  /**
   * The document of week {@code id} as its file has it (members in their order, texts in every
   * language), checked against the schema and rules; a copy the caller may change.
   *
   * @throws InvalidDataException if the file is missing or invalid
   */
  public JsonNode document(WeekId id) {
    return load(id).document.root().deepCopy();
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
    Path file = weekFile(id);
    byte[] bytes = DataFileLayout.write(tree);
    List<Problem> problems = check(id, bytes, file.toString());
    if (!problems.isEmpty()) {
      throw new InvalidDataException(problems);
    }
    AtomicFiles.createNew(file, bytes, weekFile(modeOf));
    return file;
  }

  /**
   * True if the file of week {@code id} marks itself {@code "sample": true}, read without the
   * schema or rules (a missing, unreadable or broken file is not a sample), so that {@code status}
   * can tell the bundled sample from a CERT's own weeks without checking every file.
   */
  public boolean isSample(WeekId id) {
    try {
      Optional<byte[]> bytes = rawBytes(weekFile(id));
      if (bytes.isEmpty()) {
        return false;
      }
      JsonNode sample = JsonMapping.mapper().readTree(bytes.get()).path("sample");
      return sample.isBoolean() && sample.asBoolean();
    } catch (UncheckedIOException | tools.jackson.core.JacksonException e) {
      return false;
    }
  }

  /**
   * The bytes of a file in the data folder as they are on disk, unchecked; empty if it is missing.
   */
  public Optional<byte[]> rawBytes(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Checks the configuration and the given weeks, returning every problem found rather than
   * stopping at the first. A week is checked, not mapped to the model: mapping a checked file does
   * not fail, and making Jackson's readers of the week took much of the time of {@code validate}.
   */
  public List<Problem> validate(Collection<WeekId> ids) {
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
  public List<Problem> check(WeekId id, byte[] bytes, String name) {
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
    Path file = weekFile(id);
    return reader.read(file, file.toString());
  }

  /** Forgets what was read of week {@code id}, after its file was rewritten. */
  void forget(WeekId id) {
    weeks.remove(id);
  }

  private Loaded load(WeekId id) {
    Loaded cached = weeks.get(id);
    if (cached != null) {
      return cached;
    }
    Path file = weekFile(id);
    SourceDocument document = reader.read(file, file.toString());
    WeekProblems problems = problems(document, id);
    if (!problems.invalid().isEmpty()) {
      throw new InvalidDataException(problems.all());
    }
    Loaded loaded = new Loaded(document, languagesIfValid(), problems.untranslated());
    weeks.putIfAbsent(id, loaded);
    return loaded;
  }

  private static WeekId parseOrNull(String name) {
    try {
      return WeekId.parse(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
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

  /**
   * A week file that passed its schema and rules, the texts it lacks in one of the bulletin's
   * languages, and its editions, mapped once per language.
   */
  private static final class Loaded {
    private final SourceDocument document;
    private final Locale main;
    private final List<Locale> languages;
    private final List<Problem> translationProblems;
    private final Map<Locale, Week> editions = new ConcurrentHashMap<>();

    Loaded(SourceDocument document, List<Locale> languages, List<Problem> translationProblems) {
      this.document = document;
      this.languages = languages;
      this.main = languages.isEmpty() ? Locale.ROOT : languages.get(0);
      this.translationProblems = List.copyOf(translationProblems);
    }

    /**
     * The week in {@code language} ({@code null} for the main language); in a language the bulletin
     * is not written in, the main language's.
     */
    Week week(Locale language) {
      Locale key = language != null && languages.contains(language) ? language : main;
      return editions.computeIfAbsent(key, l -> DataMapper.week(document.root(), l, main));
    }
  }

  /** The checked configuration, mapped once per language. */
  /**
   * The certificate the CERT signs with, read from the key file {@code openpgp.public_key} names;
   * empty when the configuration does not sign.
   *
   * @throws InvalidDataException if the key file cannot be read or does not hold exactly one
   *     certificate
   */
  public Optional<Certificate> signingCertificate() {
    return loadConfig().certificate;
  }

  private Optional<Certificate> signingCertificate(SourceDocument document) {
    Optional<OpenPgpSettings> settings =
        DataMapper.config(document.root(), DataMapper.languages(document.root()).get(0)).openpgp();
    if (settings.isEmpty()) {
      return Optional.empty();
    }
    String file = settings.get().publicKey();
    List<Certificate> certificates = keyFile(file, KeyFiles.MAX_KEY_BYTES, "openpgp.public_key");
    if (certificates.size() != 1) {
      throw InvalidDataException.of(
          root.resolve(file).normalize().toString(),
          "holds "
              + certificates.size()
              + " keys; openpgp.public_key must hold only the key the CERT signs with");
    }
    return Optional.of(certificates.get(0));
  }

  /**
   * The certificates in the key file {@code relative} names, which configuration member {@code
   * setting} names, at most {@code maxBytes} long.
   *
   * @throws InvalidDataException naming the file and what to do
   */
  private List<Certificate> keyFile(String relative, long maxBytes, String setting) {
    byte[] bytes = DataFolderFile.read(root, relative, maxBytes, setting);
    return KeyFiles.parse(bytes, root.resolve(relative).normalize().toString());
  }

  /**
   * The recipients' keys of {@code list}, from the keyring file its {@code keyring} member names;
   * empty when it has none.
   *
   * @throws InvalidDataException naming the file and what to do
   */
  public Optional<Keyring> keyring(org.certbulletin.model.DistributionList list) {
    return list.keyring()
        .map(
            file ->
                new Keyring(
                    keyFile(
                        file,
                        KeyFiles.MAX_KEYRING_BYTES,
                        "the keyring of list " + list.name() + " in config.json"),
                    root.resolve(file).normalize().toString(),
                    config()
                        .openpgp()
                        .map(OpenPgpSettings::clockSkew)
                        .orElse(OpenPgpSettings.DEFAULT_CLOCK_SKEW)));
  }

  private static final class LoadedConfig {
    private final SourceDocument document;
    private final List<Locale> languages;
    private final Optional<Certificate> certificate;
    private final Map<Locale, Config> editions = new ConcurrentHashMap<>();

    LoadedConfig(SourceDocument document, Optional<Certificate> certificate) {
      this.document = document;
      this.languages = DataMapper.languages(document.root());
      this.certificate = certificate;
    }

    /**
     * The configuration in {@code language}; {@code null} for the main language. The contact
     * carries the signing key's fingerprint, for every bulletin to print.
     */
    Config config(Locale language) {
      Locale key = language != null ? language : languages.get(0);
      return editions.computeIfAbsent(
          key, l -> withFingerprint(DataMapper.config(document.root(), l)));
    }

    private Config withFingerprint(Config config) {
      if (certificate.isEmpty()) {
        return config;
      }
      Issuer issuer = config.issuer();
      return config.withIssuer(
          issuer.withContact(
              issuer.contact().withOpenPgpFingerprint(certificate.get().spacedFingerprint())));
    }
  }
}
