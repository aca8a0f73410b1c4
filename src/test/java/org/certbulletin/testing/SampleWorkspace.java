package org.certbulletin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.certbulletin.service.Workspace;

/**
 * A copy of the project's sample data and templates in a temporary folder, for tests to change
 * freely.
 */
public final class SampleWorkspace {

  /** The sample's languages, as {@code config.json} names them. */
  private static final String LANGUAGES = "\"languages\": \\[[^\\]]*\\]";

  /** A text in English and Chinese, as the sample writes it. */
  private static final Pattern ENGLISH_AND_CHINESE =
      Pattern.compile(
          "\\{\\s*\"en\": (\"(?:[^\"\\\\]|\\\\.)*\"),\\s*\"zh-CN\":"
              + " \"(?:[^\"\\\\]|\\\\.)*\"\\s*\\}");

  private final Path root;

  private SampleWorkspace(Path root) {
    this.root = root;
  }

  /**
   * Copies {@code data/} and {@code templates/} of the project into {@code root}, with the bulletin
   * written in English only and every text a plain English string: the sample's Chinese edition
   * would double every render of tests that are not about languages. Tests of languages use {@link
   * #copyAsShipped}.
   */
  public static SampleWorkspace copyTo(Path root) {
    SampleWorkspace sample = copyAsShipped(root);
    sample.editConfig(json -> english(json.replaceFirst(LANGUAGES, "\"languages\": [\"en\"]")));
    for (String week : sample.weeks()) {
      String json = sample.readWeek(week);
      if (json.contains("\"zh-CN\"")) {
        sample.writeWeek(week, english(json));
      }
    }
    return sample;
  }

  /** The week files' names without {@code .json}, e.g. {@code 2024-W51}. */
  private List<String> weeks() {
    try (Stream<Path> files = Files.list(data().resolve("weeks"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .map(name -> name.substring(0, name.length() - ".json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code json} with each text given in English and Chinese replaced by the English one. */
  private static String english(String json) {
    return ENGLISH_AND_CHINESE.matcher(json).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
  }

  /** Copies {@code data/} and {@code templates/} of the project into {@code root} as they are. */
  public static SampleWorkspace copyAsShipped(Path root) {
    copyTree(Path.of("data"), root.resolve("data"));
    copyTree(Path.of("templates"), root.resolve("templates"));
    return new SampleWorkspace(root);
  }

  public Path root() {
    return root;
  }

  public Path data() {
    return root.resolve("data");
  }

  public Path templates() {
    return root.resolve("templates");
  }

  public Path out() {
    return root.resolve("out");
  }

  public Workspace workspace() {
    return new Workspace(data(), templates(), out());
  }

  /** Command-line options pointing at this workspace. */
  public String[] options() {
    return new String[] {
      "--data", data().toString(), "--templates", templates().toString(), "--out", out().toString()
    };
  }

  public Path weekFile(String week) {
    return data().resolve("weeks").resolve(week + ".json");
  }

  public String readWeek(String week) {
    try {
      return Files.readString(weekFile(week));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeWeek(String week, String json) {
    write(weekFile(week), json);
  }

  /** Rewrites a week file through {@code edit}, which must change it. */
  public void editWeek(String week, UnaryOperator<String> edit) {
    String before = readWeek(week);
    String after = edit.apply(before);
    if (after.equals(before)) {
      throw new IllegalStateException("edit did not change " + week);
    }
    writeWeek(week, after);
  }

  /** Rewrites {@code config.json} through {@code edit}, which must change it. */
  public void editConfig(UnaryOperator<String> edit) {
    Path config = data().resolve("config.json");
    String before = read(config);
    String after = edit.apply(before);
    if (after.equals(before)) {
      throw new IllegalStateException("edit did not change config.json");
    }
    write(config, after);
  }

  /**
   * Adds a top-level member to {@code config.json} (before {@code operators}), e.g. {@code
   * configure("dkim", "{\"domain\": \"cert.example\", \"selector\": \"s1\"}")}.
   */
  public void configure(String member, String json) {
    Path config = data().resolve("config.json");
    String before = read(config);
    String after =
        before.replace("\"operators\": [", "\"" + member + "\": " + json + ",\n  \"operators\": [");
    if (after.equals(before)) {
      throw new IllegalStateException(
          "config.json has no operators member to add " + member + " before");
    }
    write(config, after);
  }

  /**
   * Lets readers ask to join the sample's {@code public} list (TLP:CLEAR: confirmed addresses join)
   * and its {@code sector-partners} list (TLP:AMBER: vetted; addresses of {@code energy.example}
   * and below approved at once), with the {@code http.public_url} their links start with, and the
   * product's own one-click unsubscribe in place of the sample's third-party one.
   */
  public void openSignup() {
    if (!read(data().resolve("config.json")).contains("\"http\":")) {
      configure("http", "{\"public_url\": \"https://cert.example/bulletins/\"}");
    }
    editConfig(
        json ->
            json.replace(
                    "\"recipients_file\": \"lists/public.txt\",",
                    "\"recipients_file\": \"lists/public.txt\",\n      \"signup\": {},")
                // a list whose readers sign up here leaves with the product's own link
                .replaceFirst(
                    ",\\s*\"unsubscribe\": \\{\\s*\"url\": \"[^\"]*\",\\s*\"mailto\":"
                        + " \"[^\"]*\"\\s*\\}",
                    "")
                .replace(
                    "\"recipients_file\": \"lists/sector-partners.txt\",",
                    "\"recipients_file\": \"lists/sector-partners.txt\",\n"
                        + "      \"signup\": {\"allowed_domains\": [\"energy.example\"]},"));
  }

  /**
   * Makes the sample's {@code sector-partners} list encrypt ({@code when_possible} or {@code
   * required}) to the keys in {@code data/keys/sector-partners.asc}.
   */
  public void encryptSectorPartners(String mode) {
    String list = "\"recipients_file\": \"lists/sector-partners.txt\",";
    editConfig(
        json ->
            json.replace(
                list,
                list
                    + " \"encrypt\": \""
                    + mode
                    + "\", \"keyring\": \"keys/sector-partners.asc\","));
  }

  /**
   * Points the sample's {@code smtp} settings at a plain local server on {@code port}, with fast
   * retries.
   */
  public void useLocalSmtp(int port) {
    configure(
        "smtp",
        "{\"host\": \"127.0.0.1\", \"port\": "
            + port
            + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
            + " \"PT10S\", \"rate_per_second\": 5000, \"retry_attempts\": 4, \"retry_backoff\":"
            + " \"PT0.05S\"}");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every file below {@code folder} (following links, as readers do) with its bytes' hash and
   * modification time, to show nothing changed.
   */
  public static Map<String, String> snapshot(Path folder) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(folder)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(folder, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      walk.filter(Files::isRegularFile)
          .forEach(
              file -> {
                try {
                  files.put(
                      folder.relativize(file).toString(),
                      java.util.Arrays.hashCode(Files.readAllBytes(file))
                          + "@"
                          + Files.getLastModifiedTime(file).toMillis());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static void copyTree(Path from, Path to) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(file, to.resolve(from.relativize(file).toString()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
